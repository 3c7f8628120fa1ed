# Every dependency comes from Debian 12 packages (tools/install-deps.sh installs them).
# Nothing is downloaded or vendored.
find_package(Threads REQUIRED)
find_package(Protobuf 3.21 REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_package(absl CONFIG REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(LibXml2 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZMQ REQUIRED IMPORTED_TARGET libzmq)
pkg_check_modules(ODBC REQUIRED IMPORTED_TARGET odbc)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)

if(OMNIHUB_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(OMNIHUB_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

find_program(OMNIHUB_GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)
