"""GET /v2/endpoints: the endpoints document (v2 shape) with every host pointing at the stack."""

from ..process.settings import NETWORK_ADDRESSES


# ledger: ENDP-01
def endpoints_document(state):
    control = state.port_base
    services = {"cross-region": {}, "regional": {}, "single-site": {}}
    for location in state.locations:
        services[location.kind][location.name] = {
            network: {location.label: f"{address}:{location.port}"}
            for network, address in NETWORK_ADDRESSES.items()
        }
    return {
        "identity-endpoints": {
            "iam-token": f"127.0.0.1:{control}",
            "iam-policy": f"127.0.0.1:{control}",
        },
        "service-endpoints": services,
        "resource-configuration-endpoints": {
            "global": {
                network: f"{address}:{control}/v1" for network, address in NETWORK_ADDRESSES.items()
            }
        },
    }
