# Omnihub hub server (hubd) and hubctl on Debian 12, built from this repository with the same
# install script and Debian packages as a developer machine. See README.md "Docker".
FROM debian:12

ENV DEBIAN_FRONTEND=noninteractive
WORKDIR /src

# Sources only (no local build directories), in the order they change least to most often.
COPY tools/install-deps.sh tools/install-deps.sh
RUN tools/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY CMakeLists.txt ./
COPY cmake cmake
COPY proto proto
COPY adapters adapters
COPY hub hub
COPY tools tools
COPY tests tests
COPY mappings mappings
COPY config config

RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DOMNIHUB_BUILD_TESTS=OFF -DOMNIHUB_BUILD_BENCHMARKS=OFF \
 && cmake --build /build -j2 --target hubd hubctl \
 && install -m 0755 /build/hub/hubd /build/tools/hubctl/hubctl /usr/local/bin/

# The default configuration, listening on every interface of the container (hubd refuses a
# non-loopback address unless the config says expose="true").
# The hub's store (agents' identity links and their audit trail) lives on a volume, so that
# recreating the container loses nothing.
# The mappings (the landscape file the configuration names) go to /usr/share/omnihub/mappings.
RUN mkdir -p /etc/omnihub /var/lib/omnihub /usr/share/omnihub \
 && cp -r mappings /usr/share/omnihub/mappings \
 && sed -e 's|<grpc listen="127.0.0.1:50051"|<grpc listen="0.0.0.0:50051" expose="true"|' \
        -e 's|"\.\./mappings/|"/usr/share/omnihub/mappings/|g' \
        -e 's|<admin listen="127.0.0.1:9464"|<admin listen="0.0.0.0:9464" expose="true"|' \
        -e 's|</hub>|  <store sqlite-file="/var/lib/omnihub/hub-store.db"/>\n</hub>|' \
        config/hubd.xml >/etc/omnihub/hubd.xml \
 && test "$(grep -c 'expose="true"' /etc/omnihub/hubd.xml)" = 2 \
 && grep -q '<store sqlite-file=' /etc/omnihub/hubd.xml \
 && grep -q 'file="/usr/share/omnihub/mappings/landscape.xml"' /etc/omnihub/hubd.xml
VOLUME /var/lib/omnihub

EXPOSE 50051 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD curl -fsS http://127.0.0.1:9464/healthz || exit 1
STOPSIGNAL SIGTERM
CMD ["/usr/local/bin/hubd", "--config", "/etc/omnihub/hubd.xml"]
