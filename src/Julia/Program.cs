using Julia.Cli;

return await JuliaCli.RunAsync(args);
