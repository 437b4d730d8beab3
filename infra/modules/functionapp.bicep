// The Function App on Flex Consumption (FC1), dotnet-isolated 10.0, every connection through its user-assigned
// identity, and App Service Authentication (Entra ID) in front.
param name string
param planName string
param location string
param tags object
@description('The app\'s public host name, for absolute receipt links.')
param appHost string
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerUrl string
param appInsightsConnectionString string
param authClientId string
param instanceMemoryMB int
param maximumInstanceCount int

// Listed literally (not built from objects) so the compiled ARM JSON shows each setting as tests/SolidarityFn.InfraTests
// reads it.
var appSettings = [
  // The Functions host's own storage (leases, keys, blob trigger receipts): same account, through the identity.
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }

  // One "Storage" section serves two readers:
  //  - the blob trigger's Connection = "Storage" (the Functions blobs extension) reads blobServiceUri,
  //    queueServiceUri (its poison queue), credential and clientId;
  //  - the app's StorageOptions (section "Storage") binds BlobServiceUri, TableServiceUri and
  //    ManagedIdentityClientId, and ignores the keys it has no property for.
  // Configuration keys are case-insensitive, so Storage__blobServiceUri is also StorageOptions.BlobServiceUri: one
  // setting, one value, for both (two settings differing only in case would collide). Storage__ConnectionString must
  // never be set here: it switches the app to account-key SAS, and the account has keys disabled.
  { name: 'Storage__blobServiceUri', value: blobEndpoint }
  { name: 'Storage__queueServiceUri', value: queueEndpoint }
  { name: 'Storage__credential', value: 'managedidentity' }
  { name: 'Storage__clientId', value: identityClientId }
  { name: 'Storage__TableServiceUri', value: tableEndpoint }
  { name: 'Storage__ManagedIdentityClientId', value: identityClientId }

  // Telemetry with Entra auth: App Insights has local auth disabled.
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }

  // Organizers are Entra ID users with the "organizer" app role; Easy Auth sets X-MS-CLIENT-PRINCIPAL.
  { name: 'Organizer__Mode', value: 'AppServiceAuthentication' }
  // The default campaign is created at start when missing, so the upload link in the outputs works at once.
  { name: 'Campaigns__SeedDefault', value: 'true' }
  { name: 'Organizer__Role', value: 'organizer' }
  // NCRONTAB, seconds first, UTC. Every 30 s: each tick is an execution, so this is cheaper than the 10 s of the
  // DevHost while assemblies still start within half a minute. The purge runs daily at 03:15.
  { name: 'QueuePumpSchedule', value: '*/30 * * * * *' }
  { name: 'QueuePurgeSchedule', value: '0 15 3 * * *' }
  // The package carries ffmpeg and ffprobe in ffmpeg/ under the app root; on Flex that is /home/site/wwwroot.
  { name: 'Media__FfmpegPath', value: '/home/site/wwwroot/ffmpeg' }
  { name: 'Intake__PublicBaseUrl', value: 'https://${appHost}' }
  // App Service's front end appends the caller's address to X-Forwarded-For; without this every contributor would
  // share the front end's address, and one rate-limit bucket.
  { name: 'Intake__TrustForwardedFor', value: 'true' }
  // Two segments at once on a 2048 MB instance (BENCHMARKS.md "Assembly").
  { name: 'Assembly__Parallelism', value: '2' }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the service's target by this tag (azure.yaml: services.function).
  tags: union(tags, { 'azd-service-name': 'function' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Easy Auth: Entra ID sign-in for organizers; everyone else passes through unauthenticated, because contributors
// have no account (upload page, intake, receipts) and Event Grid calls the blobs webhook. The app itself requires
// the organizer role on organizer routes, from the X-MS-CLIENT-PRINCIPAL header Easy Auth sets (and strips from
// callers). ID tokens (implicit grant) need no client secret; the token store is off: the app never calls Graph.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [authClientId, 'api://${authClientId}']
        }
      }
    }
    login: {
      tokenStore: { enabled: false }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
