# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations


class ModuleDocFragment:
    # What every account module shares: the account APIs' endpoints and how they are reached, and
    # full check mode and diff (each module describes what it reads and what its diff holds; the
    # read-only cos_instance_info takes ibm.cos.info_module's attributes first, which then win).
    DOCUMENTATION = r"""
options:
  resource_controller_endpoint:
    description:
      - Base URL of the IBM Cloud Resource Controller API (service instances and resource keys).
      - Environment E(IBM_RESOURCE_CONTROLLER_ENDPOINT) or E(IBMCLOUD_RESOURCE_CONTROLLER_API_ENDPOINT).
      - When not set, C(https://resource-controller.cloud.ibm.com).
    type: str
  resource_manager_endpoint:
    description:
      - Base URL of the IBM Cloud Resource Manager API (resource groups, C(/v2/resource_groups)).
      - Environment E(IBM_RESOURCE_MANAGER_ENDPOINT) or E(IBMCLOUD_RESOURCE_MANAGEMENT_API_ENDPOINT).
      - When not set, C(https://resource-controller.cloud.ibm.com).
    type: str
  iam_policy_endpoint:
    description:
      - Base URL of the IAM Policy Management API (C(/v1/policies)); a URL ending in C(/v1/policies) is accepted too.
      - Environment E(IBM_IAM_POLICY_ENDPOINT). When not set, C(https://iam.cloud.ibm.com).
    type: str
  tagging_endpoint:
    description:
      - Base URL of the Global Search and Tagging API (C(/v3/tags)), used for instance tags.
      - Environment E(IBM_GLOBAL_TAGGING_ENDPOINT) or E(IBMCLOUD_GT_API_ENDPOINT).
      - When not set, C(https://tags.global-search-tagging.cloud.ibm.com).
    type: str
notes:
  - These modules need IAM auth (an API key, a trusted profile or an IAM token); HMAC keys cannot call
    the account APIs. O(endpoint) and O(region) are needed only where a module says so.
  - The IAM token is the one the COS modules use, from the same locked 0600 token cache on the host the
    module runs on, so it is exchanged once, not once per module.
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
"""
