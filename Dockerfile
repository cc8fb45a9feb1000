# Build: docker build -t julia .   (not exercised in CI: this machine has no Docker engine)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun: native code ahead of time, a faster start (docs/decisions.md#host-tuning).
RUN dotnet publish src/Julia/Julia.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN printf '#!/bin/sh\nexec dotnet /app/julia.dll "$@"\n' > /usr/local/bin/julia && chmod +x /usr/local/bin/julia
ENV HOST=0.0.0.0 PORT=8000
EXPOSE 8000
ENTRYPOINT ["julia"]
CMD ["serve", "--role", "api"]
