# Watch Monitor in a container. Build and run (README "Operations"):
#   docker build -t watchmon .
#   docker run -d --name watchmon --restart unless-stopped --env-file .env -v watchmon-data:/data watchmon
# Multi-stage: the SDK image publishes a self-contained, trimmed single file; the small runtime-deps image runs it
# as the image's non-root user, with the state files in the /data volume.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
RUN dotnet publish src/WatchMonitor -c Release -a "$TARGETARCH" --self-contained \
        -p:PublishSingleFile=true -p:PublishTrimmed=true -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
# The SQLite engine (libe_sqlite3.so) is a native library beside the binary, not inside the single file.
COPY --from=build /app/watchmon /app/libe_sqlite3.so /app/
# APP_UID is the non-root "app" user the .NET images define (1654). A new named volume takes this directory's
# owner and mode, so the state is the monitor's alone.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data && chmod 0700 /data
USER $APP_UID
WORKDIR /data
VOLUME /data
# The health endpoint stays on the container's loopback (127.0.0.1:8765), where the health check asks it.
# Degraded (exit 1: a dealer or webhook failing) still counts as healthy for Docker; Unhealthy (2) does not.
HEALTHCHECK --interval=60s --timeout=15s --start-period=60s --retries=3 \
    CMD /app/watchmon health > /dev/null || [ $? -eq 1 ]
# Exit code 75 is the monitor's graceful memory restart (state flushed): --restart unless-stopped or
# on-failure starts it again.
ENTRYPOINT ["/app/watchmon"]
CMD ["run"]
