#!/bin/sh
# azd preprovision: the Entra ID app registration that App Service Authentication signs organizers in with.
# Bicep cannot create app registrations, so this does, once, and keeps its client id in the azd environment
# (AZURE_AUTH_CLIENT_ID, read by infra/main.parameters.json). Set AZURE_AUTH_CLIENT_ID yourself to use an existing one:
#   azd env set AZURE_AUTH_CLIENT_ID <application (client) id>
# The registration declares the app role "organizer" (Organizer:Role); only users assigned it may sign in.
set -eu

if [ -n "${AZURE_AUTH_CLIENT_ID:-}" ]; then
  echo "preprovision: using the app registration $AZURE_AUTH_CLIENT_ID"
  exit 0
fi
command -v az >/dev/null 2>&1 || { echo "preprovision: the Azure CLI (az) is required; sign in with 'az login'." >&2; exit 1; }

name="SolidarityFn organizers (${AZURE_ENV_NAME:?AZURE_ENV_NAME is not set})"
client_id=$(az ad app list --display-name "$name" --query "[0].appId" -o tsv)
if [ -n "$client_id" ]; then
  echo "preprovision: reusing the app registration '$name' ($client_id)"
else
  role_id=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen | tr 'A-Z' 'a-z')
  roles=$(mktemp)
  trap 'rm -f "$roles"' EXIT
  cat >"$roles" <<JSON
[{"allowedMemberTypes": ["User"], "displayName": "Organizer", "value": "organizer", "isEnabled": true, "id": "$role_id",
  "description": "Reviews submitted clips and assembles the solidarity video."}]
JSON
  # ID tokens only (implicit grant): App Service Authentication then needs no client secret.
  client_id=$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg \
    --enable-id-token-issuance true --app-roles "@$roles" --query appId -o tsv)
  az ad app update --id "$client_id" --identifier-uris "api://$client_id" -o none
  echo "preprovision: created the app registration '$name' ($client_id) with the app role 'organizer'"
fi

# The enterprise application (service principal) is where users are assigned the role. Requiring an assignment
# keeps everyone else in the tenant from signing in at all (they would only get 403 from the app otherwise).
az ad sp show --id "$client_id" -o none 2>/dev/null || az ad sp create --id "$client_id" -o none
az ad sp update --id "$client_id" --set appRoleAssignmentRequired=true -o none

azd env set AZURE_AUTH_CLIENT_ID "$client_id"
