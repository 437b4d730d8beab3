#!/bin/sh
# azd postprovision: point the app registration's sign-in redirect at the deployed app, now that its host is known.
set -eu
host=${AZURE_FUNCTION_APP_HOST:?run after provisioning (azd provision)}
client_id=${AZURE_AUTH_CLIENT_ID:?AZURE_AUTH_CLIENT_ID is not set}

# Storage CORS and Intake:PublicBaseUrl were computed from the expected host name; say so if Azure chose another.
if [ "$host" != "${AZURE_EXPECTED_APP_HOST:-$host}" ]; then
  echo "postprovision: WARNING the app's host is $host, not $AZURE_EXPECTED_APP_HOST: uploads will fail CORS." >&2
  echo "postprovision: set the storage CORS origin and Intake__PublicBaseUrl to https://$host (see DEPLOY.md)." >&2
fi

az ad app update --id "$client_id" --web-redirect-uris "https://$host/.auth/login/aad/callback" \
  --enable-id-token-issuance true -o none
echo "postprovision: sign-in redirect set to https://$host/.auth/login/aad/callback"
