#!/usr/bin/python3
"""customer360.py: calls Omnihub's CustomerService/GetCustomer360 from Python.

Uses nothing but the repository's proto/ directory: the Python stubs are generated at run time into
a temporary directory with grpc_tools.protoc (Debian 12: python3-grpc-tools, python3-grpcio,
python3-protobuf; run it with Debian's /usr/bin/python3).

    tools/clients/python/customer360.py --email jane.doe@example.com
    tools/clients/python/customer360.py --hub 127.0.0.1:50051 --twitter @janedoe

Prints the customer's name and e-mail, then one status line per source system. Exit codes follow
hubctl's: 0 ok, 1 other error, 2 usage error, 3 hub unreachable, 4 not found, 5 invalid argument.
"""

import argparse
import importlib
import os
import sys
import tempfile

PROTO_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                          "..", "..", "..", "proto"))
# Only the omnihub.v1 files: the generated "google" package would clash with protobuf's own.
API_PROTOS = ["omnihub/v1/common.proto", "omnihub/v1/order.proto", "omnihub/v1/contact.proto",
              "omnihub/v1/customer.proto"]

# Identifier options -> IdentifierType value names.
IDENTIFIER_OPTIONS = {
    "email": "IDENTIFIER_TYPE_EMAIL",
    "phone": "IDENTIFIER_TYPE_PHONE",
    "twitter": "IDENTIFIER_TYPE_TWITTER_HANDLE",
    "facebook": "IDENTIFIER_TYPE_FACEBOOK_ID",
    "loyalty": "IDENTIFIER_TYPE_LOYALTY_CARD",
    "address": "IDENTIFIER_TYPE_POSTAL_ADDRESS",
    "account": "IDENTIFIER_TYPE_ACCOUNT_NUMBER",
}


def generate_stubs(out_dir):
    """Compiles the API protos into out_dir and makes them importable."""
    try:
        from grpc_tools import protoc
    except ImportError:
        sys.exit("customer360: grpc_tools is missing; install python3-grpc-tools "
                 "(tools/install-deps.sh) and run with /usr/bin/python3")
    # The well-known types (timestamp, duration) ship with grpc_tools.
    well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["protoc", "-I" + PROTO_DIR, "-I" + well_known,
            "--python_out=" + out_dir, "--grpc_python_out=" + out_dir]
    if protoc.main(args + [os.path.join(PROTO_DIR, p) for p in API_PROTOS]) != 0:
        sys.exit("customer360: protoc could not compile " + PROTO_DIR)
    sys.path.insert(0, out_dir)
    return (importlib.import_module("omnihub.v1.customer_pb2"),
            importlib.import_module("omnihub.v1.customer_pb2_grpc"),
            importlib.import_module("omnihub.v1.common_pb2"))


def parse_args():
    parser = argparse.ArgumentParser(description="Show a customer's 360 from the Omnihub hub.")
    parser.add_argument("--hub", default=os.environ.get("OMNIHUB_HUB", "127.0.0.1:50051"),
                        help="the hub's gRPC address HOST:PORT")
    parser.add_argument("--timeout", type=float, default=5.0, help="deadline in seconds")
    ref = parser.add_mutually_exclusive_group(required=True)
    ref.add_argument("--id", help="the hub's customer id")
    for option in IDENTIFIER_OPTIONS:
        ref.add_argument("--" + option, help=option + (" as SYSTEM:NUMBER"
                                                       if option == "account" else ""))
    return parser.parse_args()


def customer_ref(args, common_pb2):
    ref = common_pb2.CustomerRef()
    if args.id is not None:
        ref.customer_id = args.id
        return ref
    for option, type_name in IDENTIFIER_OPTIONS.items():
        value = getattr(args, option)
        if value is None:
            continue
        ref.identifier.type = common_pb2.IdentifierType.Value(type_name)
        if option == "account":
            system, _, number = value.partition(":")
            if not system or not number:
                print("customer360: --account takes SYSTEM:NUMBER", file=sys.stderr)
                sys.exit(2)
            ref.identifier.system, value = system, number
        ref.identifier.value = value
    return ref


def format_source(source, common_pb2):
    state = common_pb2.SourceState.Name(source.state).replace("SOURCE_STATE_", "").lower()
    as_of = (source.as_of.ToDatetime().strftime("%Y-%m-%d %H:%M:%SZ")
             if source.HasField("as_of") else "-")
    latency = ("%d ms" % (source.latency.ToMilliseconds())
               if source.HasField("latency") else "-")
    return "  %-12s %-12s %-21s %-8s %s" % (source.system, state, as_of, latency, source.detail)


def main():
    args = parse_args()
    import grpc  # after argument parsing, so --help works without grpc installed

    with tempfile.TemporaryDirectory(prefix="omnihub-stubs-") as stubs:
        customer_pb2, customer_pb2_grpc, common_pb2 = generate_stubs(stubs)
        request = customer_pb2.GetCustomer360Request(customer=customer_ref(args, common_pb2))
        with grpc.insecure_channel(args.hub) as channel:
            stub = customer_pb2_grpc.CustomerServiceStub(channel)
            try:
                view = stub.GetCustomer360(request, timeout=args.timeout)
            except grpc.RpcError as error:
                code = error.code()
                print("customer360: %s: %s" % (code.name, error.details()), file=sys.stderr)
                if code == grpc.StatusCode.UNAVAILABLE:
                    print("customer360: is hubd running at %s?" % args.hub, file=sys.stderr)
                return {grpc.StatusCode.UNAVAILABLE: 3, grpc.StatusCode.NOT_FOUND: 4,
                        grpc.StatusCode.INVALID_ARGUMENT: 5}.get(code, 1)

        customer = view.customer
        print("Customer: %s <%s> (id %s)" % (customer.display_name, customer.email,
                                             customer.customer_id))
        print("Recent orders: %d, open cases: %d, recent contacts: %d" % (
            len(view.recent_orders), len(view.open_cases), len(view.recent_contacts)))
        print("Sources:")
        print("  %-12s %-12s %-21s %-8s %s" % ("SYSTEM", "STATE", "AS OF", "LATENCY", "DETAIL"))
        for source in view.sources:
            print(format_source(source, common_pb2).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
