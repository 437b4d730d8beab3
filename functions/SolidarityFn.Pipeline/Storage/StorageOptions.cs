using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Storage;

/// <summary>
/// Where the app's data lives. Either a connection string (Azurite only: it carries an account key)
/// or service URIs reached with a managed identity, as in Azure.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Account-key connection string; meant for Azurite. When set, SAS are signed with the key.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; null picks DefaultAzureCredential's chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public bool UsesAccountKey => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesAccountKey)
        {
            yield break;
        }

        if (BlobServiceUri is null || TableServiceUri is null)
        {
            yield return new ValidationResult(
                "Set Storage:ConnectionString (Azurite) or both Storage:BlobServiceUri and Storage:TableServiceUri (managed identity).",
                [nameof(ConnectionString), nameof(BlobServiceUri), nameof(TableServiceUri)]);
        }
    }
}
