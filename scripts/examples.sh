#!/bin/sh
# Builds diplograph and runs the main job: the example documents -> out/graph.ttl.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p out
./build/diplograph build examples/documents -o out/graph.ttl
# Pictures of the example graph (Graphviz).
./build/diplograph draw out/graph.ttl -o out/graph.svg
./build/diplograph draw out/graph.ttl -o out/lithuania.svg --focus Lithuania --depth 1
./build/diplograph chart out/graph.ttl -o out/timeline.svg   # relations established per year
# A static site of the graph: out/site/index.html (works from file://).
./build/diplograph site out/graph.ttl -o out/site --force
