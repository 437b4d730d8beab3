#!/bin/sh
# azd postdeploy: subscribe the ProcessUpload blob trigger to BlobCreated events of the uploads container.
# Flex Consumption delivers blob triggers only through Event Grid, and the webhook needs the blobs extension's
# system key, which the host creates once the code is deployed: hence a hook, not Bicep.
set -eu
rg=${AZURE_RESOURCE_GROUP:?run after provisioning}
app=${AZURE_FUNCTION_APP_NAME:?run after provisioning}
host=${AZURE_FUNCTION_APP_HOST:?run after provisioning}
topic=${AZURE_EVENTGRID_SYSTEM_TOPIC:?run after provisioning}

key=""
tries=0
while [ -z "$key" ]; do
  key=$(az functionapp keys list -g "$rg" -n "$app" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  tries=$((tries + 1))
  [ "$tries" -ge 24 ] && { echo "postdeploy: the blobs_extension key did not appear in 4 minutes; run 'azd hooks run postdeploy' again." >&2; exit 1; }
  sleep 10
done

# The key is a secret: it goes to az only, never to the output. Event Grid validates the endpoint with the host
# (the blobs extension answers the validation handshake), so this fails if the app is not running.
az eventgrid system-topic event-subscription create -g "$rg" --system-topic-name "$topic" \
  --name uploads-processupload \
  --endpoint-type webhook \
  --endpoint "https://$host/runtime/webhooks/blobs?functionName=Host.Functions.ProcessUpload&code=$key" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/uploads/ \
  --max-delivery-attempts 30 --event-ttl 1440 \
  -o none
echo "postdeploy: BlobCreated under uploads/ now reaches ProcessUpload"
echo "  Upload link:  ${SOLIDARITY_UPLOAD_URL:-}"
echo "  Review page:  ${SOLIDARITY_REVIEW_SIGN_IN_URL:-}"
