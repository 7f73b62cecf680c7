# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations


class ModuleDocFragment:
    # Every plugin of the collection takes these options; their author is stated once, here.
    DOCUMENTATION = r"""
author:
  - ibm.cos contributors (@ibm-cos)
options:
  api_key:
    description:
      - IBM Cloud IAM API key.
      - When not set, the first of the environment variables E(IBMCLOUD_API_KEY), E(IC_API_KEY)
        and E(IBM_API_KEY_ID) that is set, then the C(apikey) of O(credentials_file).
      - The module exchanges it for a token and caches the token (never the key) for the tasks and
        forks that follow, in a 0700 directory C(ibm.cos) inside E(IBM_COS_TOKEN_CACHE_DIR)
        (default C(~/.cache)), so a run makes one exchange per host. A cache directory that other users
        can write into without the sticky bit, or that belongs to someone else, is refused.
    type: str
    aliases: [ibm_api_key_id]
  service_instance_id:
    description:
      - CRN or GUID of the COS service instance. Needed to create and list buckets with IAM auth.
      - Environment E(IBM_COS_INSTANCE_CRN) or E(IBM_SERVICE_INSTANCE_ID), then C(resource_instance_id)
        of O(credentials_file).
    type: str
    aliases: [instance_crn, resource_instance_id]
  hmac_access_key_id:
    description:
      - HMAC access key ID (SigV4 signing). Environment E(IBM_COS_HMAC_ACCESS_KEY_ID), then
        C(cos_hmac_keys) of O(credentials_file).
      - HMAC keys cannot use the Resource Configuration API (firewall, activity tracking, metrics, quota).
    type: str
  hmac_secret_access_key:
    description:
      - HMAC secret access key. Environment E(IBM_COS_HMAC_SECRET_ACCESS_KEY).
    type: str
  trusted_profile_id:
    description:
      - IAM trusted profile ID, for compute-resource token auth together with O(cr_token_file).
      - Environment E(IBMCLOUD_IAM_PROFILE_ID) or E(IBM_TRUSTED_PROFILE_ID).
      - Mutually exclusive with O(trusted_profile_name).
    type: str
  trusted_profile_name:
    description:
      - IAM trusted profile name, instead of O(trusted_profile_id).
      - Environment E(IBMCLOUD_IAM_PROFILE_NAME) or E(IBM_TRUSTED_PROFILE_NAME).
    type: str
  cr_token_file:
    description:
      - File holding the compute-resource token, for example
        C(/var/run/secrets/tokens/vault-token). Environment E(IBMCLOUD_CR_TOKEN_FILENAME) or E(IBM_CR_TOKEN_FILE).
    type: path
  iam_token:
    description:
      - A pre-fetched IAM access token (without the C(Bearer) prefix). Environment E(IBMCLOUD_IAM_TOKEN)
        or E(IC_IAM_TOKEN).
      - May be combined with O(api_key), which is then used only to refresh the token when it nears expiry.
    type: str
  credentials_file:
    description:
      - A COS service credential JSON file as the IBM Cloud console downloads it (C(apikey),
        C(resource_instance_id), C(endpoints), optional C(cos_hmac_keys)). Environment E(IBM_COS_CREDENTIALS_FILE).
      - Given as a task option, its values rank above the environment's (below the task's other options);
        given as E(IBM_COS_CREDENTIALS_FILE), below the environment's.
      - When it holds both an API key and HMAC keys, IAM auth is used and the HMAC keys serve presigned URLs.
      - Every field the collection reads must be a string; a field of another type fails naming the field.
    type: path
  endpoint:
    description:
      - S3 endpoint URL, for example C(https://s3.us-south.cloud-object-storage.appdomain.cloud).
        Environment E(IBM_COS_ENDPOINT). Takes precedence over O(region) at the same level.
      - A task that sets O(endpoint) ignores E(IBM_COS_REGION) and E(IBM_COS_ENDPOINT_TYPE); a task that sets
        O(region) or O(endpoint_type) ignores E(IBM_COS_ENDPOINT).
      - Must be C(https://) unless O(allow_insecure_http) is set.
    type: str
  region:
    description:
      - COS location (regional such as C(us-south), cross-region such as C(us), single-site such as C(ams03)),
        resolved to an endpoint through the endpoints document at O(endpoints_url).
      - Environment E(IBM_COS_REGION), E(IBMCLOUD_REGION) or E(IC_REGION).
      - Set in a task, it wins over the environment's E(IBM_COS_ENDPOINT).
    type: str
  endpoint_type:
    description:
      - Which network the endpoint for O(region) is on. Environment E(IBM_COS_ENDPOINT_TYPE).
      - When not set, V(public).
    type: str
    choices: [public, private, direct]
  endpoints_url:
    description:
      - URL of the COS endpoints document. Environment E(IBM_COS_ENDPOINTS_URL).
      - When not set, C(https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints).
      - Fetched at most once per run and cached for an hour beside the token cache.
    type: str
  iam_endpoint:
    description:
      - IAM token URL, or IAM's base URL. Environment E(IBM_IAM_ENDPOINT) or E(IBMCLOUD_IAM_API_ENDPOINT).
      - When not set, C(https://iam.cloud.ibm.com/identity/token).
      - Must be C(https://) unless O(allow_insecure_http) is set, because the API key or compute-resource token is sent there.
    type: str
  config_endpoint:
    description:
      - Base URL of the Resource Configuration API. Environment E(IBM_COS_CONFIG_ENDPOINT).
      - When not set, taken from the endpoints document for O(endpoint_type). A task that sets
        O(endpoint_type) ignores E(IBM_COS_CONFIG_ENDPOINT).
      - Must be C(https://) unless O(allow_insecure_http) is set, because the IAM token is sent there.
    type: str
  validate_certs:
    description:
      - Verify TLS certificates. Environment E(IBM_COS_VALIDATE_CERTS). When not set, V(true).
    type: bool
  ca_bundle:
    description:
      - CA bundle (PEM) used to verify COS, IAM and the endpoints document. Environment E(IBM_COS_CA_BUNDLE).
      - Checked before any call when certificates are verified; a missing file, a directory or a file
        without a PEM certificate fails naming O(ca_bundle).
      - Set in a task, it ignores E(IBM_COS_VALIDATE_CERTS).
    type: path
  allow_insecure_http:
    description:
      - Allow C(http://) URLs for O(endpoint), O(iam_endpoint) and O(config_endpoint) (and the endpoints the
        endpoints document gives). Over cleartext http the API key, the IAM token and signed requests can be
        read by anyone on the network, so only a trusted test endpoint should be reached this way.
      - Environment E(IBM_COS_ALLOW_INSECURE_HTTP). When not set, V(false).
    type: bool
  addressing_style:
    description:
      - How S3 requests name the bucket. V(path) sends C(https://{endpoint}/{bucket}/{key}); V(virtual) sends
        C(https://{bucket}.{endpoint}/{key}) (virtual-hosted style). IBM COS accepts both for every operation.
      - V(virtual) needs an endpoint with a host name; with an IP address it fails before any call. The SDK
        still sends a bucket whose name is not a single DNS label (one with a dot) and GetBucketLocation in
        path style.
      - Environment E(IBM_COS_ADDRESSING_STYLE). When not set, V(path).
    type: str
    choices: [path, virtual]
  timeout:
    description:
      - Seconds to wait for a connection or a response.
    type: int
    default: 60
  retries:
    description:
      - How many times botocore retries a throttled or failed call (its O(retry_mode) decides the backoff).
    type: int
    default: 5
  retry_mode:
    description:
      - botocore retry mode.
    type: str
    choices: [standard, adaptive]
    default: standard
notes:
  - Credentials are resolved in this order, the first level that names an auth method deciding it
    (task options, then a task's O(credentials_file), then environment variables, then
    E(IBM_COS_CREDENTIALS_FILE)); the credentials then come from that level only, so a task's O(api_key) is
    never joined by the environment's HMAC keys. Within a level an IAM token is preferred to an API key, an
    API key to a trusted profile, and a trusted profile to HMAC keys.
  - The environment is the one the module runs in, which includes the task's C(environment) keyword.
    ansible-core shows the values of a task's C(environment) and of its options in C(-vvv) and
    C(ANSIBLE_DEBUG) output; keep credentials in the controller's environment, a credentials file or
    O(cr_token_file) to keep them out of it.
  - Every module supports C(async).
  - Every module of the collection is in the action group C(ibm.cos.cos), so connection options can be set
    once with C(module_defaults) and C(group/ibm.cos.cos).
requirements:
  - python >= 3.9
  - ibm-cos-sdk >= 2.13.0
  - requests
"""
