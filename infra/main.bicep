// SolidarityFn on Azure: one resource group with the app's storage (identity only, no keys), a Flex Consumption
// Function App with a user-assigned identity, Application Insights (Entra auth only), an Event Grid system topic for
// upload events, and App Service Authentication (Entra ID) in front. `azd up` deploys it; see DEPLOY.md.
// Local modules only: registry modules cannot be restored offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource (Flex Consumption must be offered there).')
param location string

@description('Application (client) id of the Entra app registration used by App Service Authentication. The preprovision hook creates it (infra/hooks/preprovision.sh) or takes AZURE_AUTH_CLIENT_ID from the azd environment.')
param authClientId string

@allowed([512, 2048, 4096])
@description('Flex Consumption instance memory. ffmpeg\'s clip encode peaks near 410 MB beside a ~185 MB host (BENCHMARKS.md), so 2048 MB holds two uploads at once.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Most Flex instances the app may scale out to (bounds the cost of a burst).')
param maximumInstanceCount int = 40

@minValue(4)
@maxValue(30)
@description('Raw uploads (and uncommitted blocks) older than this are deleted by a lifecycle rule: a few days, one more than a campaign may keep originals (limits.keepOriginalsDays, at most 3). The app deletes them on time itself; this is the backstop.')
param uploadRetentionDays int = 4

var tags = { 'azd-env-name': environmentName }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var appName = 'func-${resourceToken}'
// The default host name of a site is "{name}.azurewebsites.net" (no regional unique host name is requested), so the
// app's origin is known before the site exists: storage CORS and the public base URL need it. The postprovision hook
// checks it against the deployed site.
var appHost = '${appName}.azurewebsites.net'
var appOrigin = 'https://${appHost}'

// Campaigns/DefaultCampaign.cs (Id) and the page routes c/{campaignId}, review/{campaignId} (PageFunctions.cs).
var defaultCampaignId = 'minnesota-solidarity'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    workspaceName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    corsOrigin: appOrigin
    uploadRetentionDays: uploadRetentionDays
  }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module app 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    name: appName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    appHost: appHost
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    authClientId: authClientId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
  // The host starts with the identity's data roles in place, or its first storage calls fail with 403.
  dependsOn: [roles]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_FUNCTION_APP_HOST string = app.outputs.defaultHostName
output AZURE_EXPECTED_APP_HOST string = appHost
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_EVENTGRID_SYSTEM_TOPIC string = storage.outputs.systemTopicName
output AZURE_AUTH_CLIENT_ID string = authClientId
output SOLIDARITY_UPLOAD_URL string = '${appOrigin}/c/${defaultCampaignId}'
output SOLIDARITY_REVIEW_URL string = '${appOrigin}/review/${defaultCampaignId}'
// Organizers sign in first (Entra ID), then land on the review page with their session cookie.
output SOLIDARITY_REVIEW_SIGN_IN_URL string = '${appOrigin}/.auth/login/aad?post_login_redirect_uri=${uriComponent('/review/${defaultCampaignId}')}'
