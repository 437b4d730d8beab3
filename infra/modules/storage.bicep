// The app's data account (DESIGN.md §3), also used by the Functions host (AzureWebJobsStorage) and for Flex's
// deployment package. Identity only: shared keys are off, so no connection string can exist for it.
param name string
param location string
param tags object

@description('The one origin allowed to PUT blocks from the browser: the app\'s own (the upload page).')
param corsOrigin string

param uploadRetentionDays int

// functions/SolidarityFn.Pipeline/Storage/StorageNames.cs: Containers and Tables.
var dataContainers = ['uploads', 'media', 'final']
var tables = ['Campaigns', 'Submissions', 'Queue', 'Assemblies', 'Audit']
// Flex Consumption reads the app's zip package from here (functionAppConfig.deployment.storage).
var deploymentContainer = 'app-package'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Phones upload straight to blob storage with a SAS, so the endpoint stays public; every request needs a
    // token or a user delegation SAS.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedOrigins: [corsOrigin]
          // Put Block and Put Block List, and their preflight; the page reads nothing back.
          allowedMethods: ['PUT', 'OPTIONS']
          // Exactly what wwwroot/assets/blob-upload.js sets: Put Block List sends these two; Put Block sends none.
          allowedHeaders: ['content-type', 'x-ms-blob-content-type']
          exposedHeaders: ['etag', 'x-ms-request-id']
          maxAgeInSeconds: 3600
        }
      ]
    }
    // No soft delete or versions: a withdrawal must really delete the contributor's media.
    deleteRetentionPolicy: { enabled: false }
    containerDeleteRetentionPolicy: { enabled: false }
    isVersioningEnabled: false
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in concat(dataContainers, [deploymentContainer]): {
    parent: blobService
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tableResources 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

// Raw uploads carry whatever the phone wrote (location, device). The processor deletes each one as soon as its clip
// is made (or after the campaign's keepOriginalsDays); this rule removes any the app never got to. Blocks staged but
// never committed (abandoned uploads) are not blobs: the service discards them after 7 days by itself.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-raw-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['uploads/']
            }
            actions: {
              baseBlob: {
                delete: { daysAfterModificationGreaterThan: uploadRetentionDays }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [containers]
}

// Blob events for the ProcessUpload trigger (Flex Consumption has no polling blob trigger). The subscription itself
// needs the blobs extension's key, which exists only once the code is deployed: infra/hooks/postdeploy.sh makes it.
resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'evgt-${name}'
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer}'
output systemTopicName string = systemTopic.name
