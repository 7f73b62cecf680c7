#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The dependency floor: a module that imports ibm_boto3 and builds an S3 client, and stops there.

No module that talks to COS through ibm_boto3 can start faster than this, so the benchmark sets
every ibm.cos task beside one run of it. It makes no HTTP call (the client fetches a token only at
its first request).
"""
from __future__ import annotations

import os

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec={"bucket": {"type": "str"}}, supports_check_mode=True)
    import ibm_boto3
    from ibm_botocore.client import Config

    ibm_boto3.client(
        "s3",
        ibm_api_key_id=os.environ.get("IBMCLOUD_API_KEY", "floor"),
        ibm_service_instance_id=os.environ.get("IBM_COS_INSTANCE_CRN"),
        config=Config(signature_version="oauth"),
        endpoint_url=os.environ.get("IBM_COS_ENDPOINT", "https://127.0.0.1:1"),
        verify=os.environ.get("IBM_COS_CA_BUNDLE") or True,
    )
    module.exit_json(changed=False, bucket=module.params["bucket"])


if __name__ == "__main__":
    main()
