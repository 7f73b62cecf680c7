"""POST /identity/token: IBM IAM's token exchange for API keys, refresh tokens and
compute-resource tokens of trusted profiles."""

from ..web.replies import iam_error, json_reply

GRANT_APIKEY = "urn:ibm:params:oauth:grant-type:apikey"
GRANT_REFRESH = "refresh_token"
GRANT_CR_TOKEN = "urn:ibm:params:oauth:grant-type:cr-token"


def _principal(form, state):
    """Return (principal, None) or (None, error response)."""
    grant_type = form.get("grant_type")
    if grant_type == GRANT_APIKEY:
        principal = state.principal_for_api_key(form.get("apikey", ""))
        if principal is None:
            # ledger: IAM-02
            return None, iam_error(400, "BXNIM0415E", "Provided API key could not be found.")
        return principal, None
    # ledger: IAM-03
    if grant_type == GRANT_REFRESH:
        principal = state.tokens.principal_for_refresh(form.get("refresh_token", ""))
        if principal is None:
            return None, iam_error(400, "BXNIM0407E", "Provided refresh token is invalid.")
        return principal, None
    # ledger: IAM-04
    if grant_type == GRANT_CR_TOKEN:
        if not (form.get("profile_id") or form.get("profile_name")):
            return None, iam_error(400, "BXNIM0109E", "Property profile_id or profile_name is missing.")
        if form.get("cr_token", "").strip() != state.config["cr_token"]:
            return None, iam_error(400, "BXNIM0523E", "Provided compute resource token is invalid.")
        principal = state.principal_for_profile(form.get("profile_id"), form.get("profile_name"))
        if principal is None:
            return None, iam_error(400, "BXNIM0438E", "Provided trusted profile could not be found.")
        return principal, None
    return None, iam_error(400, "BXNIM0103E", f"Unsupported grant_type: {grant_type!r}.")


def token_endpoint(request, state):
    if request.method != "POST":
        return iam_error(405, "BXNIM0101E", "Method not allowed; use POST.")
    # ledger: IAM-06
    if not state.runtime()["iam_available"]:
        return iam_error(503, "BXNIM0503E", "IAM is temporarily unavailable.")
    if request.mimetype != "application/x-www-form-urlencoded":
        return iam_error(400, "BXNIM0109E", "Content-Type must be application/x-www-form-urlencoded.")
    principal, error = _principal(request.form, state)
    if error is not None:
        return error
    return json_reply(state.tokens.issue(principal, state.token_lifetime()))
