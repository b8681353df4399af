using static PartnerCenter.Observability.PartnerCenterErrorCategory;

namespace PartnerCenter.Observability;

// Rows from other editions of the error-code page and from other Partner Center docs pages, deduplicated against the
// seed edition and each other. Columns: source, HTTP status (0: no source gives one, matched by the code alone; 200:
// an item inside a successful response, never read by the handler), code, category, template, other wordings.
// Every category follows docs/error-categories.md; the judgement calls are listed there ("Judgement calls").
public static partial class PartnerCenterErrorCatalog
{
    // Short source names. Editions of the error-code page are named by date or commit; other pages by their slug.
    private const string Edition2023 = "error-codes 2023-10";
    private const string EditionSdk51237e7 = "error-codes @51237e7";
    private const string EditionNewest = "error-codes newest";
    private const string EditionNewestZhCn = "error-codes newest zh-CN";
    private const string AssignLicenses = "assign-licenses-to-a-user";
    private const string CancelAzureSubscription = "cancel-an-azure-subscription";
    private const string ReactivateAzureSubscription = "reactivate-an-azure-subscription";
    private const string CartResources = "cart-resources";
    private const string TransferEntities = "transfer-entity-resources";
    private const string AcceptTransfer = "accept-a-transfer";
    private const string SelfServePolicies = "self-serve-policies";
    private const string SandboxResellers = "delete-indirect-reseller-in-sandbox";
    private const string Catalog = "products-skus-availabilities";
    private const string MpaVerification = "verify-indirect-reseller-mpa-status";
    private const string PartnerByMpnId = "get-partner-by-mpn-id";
    private const string CustomerAgreement = "confirm-customer-consent-customer-agreement";
    private const string ValidationStatus = "retrieve-validation-status";
    private const string Transitions = "transition-a-subscription";
    private const string Migrations = "validate-subscription-for-migration";
    private const string UpgradeErrorCodes = "upgradeerrorcode (it-IT)";
    private const string PartnerRest = "partner-rest error-codes";
    private const string Throttling = "api-throttling-guidance";
    private const string GraphTokenDeprecation = "deprecate-azure-active-directory-graph-token";
    private const string AddOns = "new-commerce-add-ons";

    private static PartnerCenterErrorDefinition[] OtherSourceRows() =>
    [
        // Other editions of "Partner Center REST error codes".
        R(Edition2023, 501, "0", Validation, "Exception not defined"),
        R(Edition2023, 401, "400", Auth, "Access denied"),
        R(Edition2023, 404, "1000", NotFound, "Not found"),
        R(EditionNewestZhCn, 400, "2012", Validation, "Unable to convert between Commerce and Microsoft Entra subscription IDs.", "Unable to convert between Commerce and Azure Active Directory subscription ids.", "Unable to convert between Commerce and AAD subscription ids"),
        R(Edition2023, 403, "2030", Eligibility, "Partner isn't onboarded to sell in country/region", "Partner is not onboarded to sell in country"),
        R(Edition2023, 403, "2032", Auth, "Access denied"),
        R(Edition2023, 403, "2091", Eligibility, "The offer is no longer available for purchase"),
        R(Edition2023, 400, "2100", Validation, "The Offers API does not support item with ID {0}. Try using the Products and/or SKUs APIs", "The Offers API does not support item with id {0}. Please try using the Products and/or SKUs APIs"),
        R(Edition2023, 400, "3000", Validation, "Invalid property"),
        R(Edition2023, 400, "2001", Conflict, "Subscription quantity cannot be increased or decreased while subscription is being suspended"),
        R(Edition2023, 400, "2055", Conflict, "Etag is no longer valid"),
        R(Edition2023, 404, "2072", NotFound, "PartnerID of Indirect Provider isn't valid as Partner On Record", "MPN ID of Indirect Provider is not valid as Partner On Record"),
        R(Edition2023, 403, "2085", Eligibility, "The offer is not eligible for purchase"),
        R(Edition2023, 400, "4018", Validation, "Unable to process this order"),
        R(Edition2023, 400, "6000", Eligibility, "The billing cycle could not be changed because the order contains one or more subscriptions that are not active"),
        R(EditionSdk51237e7, 400, "800082", Conflict, "Subscription is not ready to be updated. Try again after sometime", "Subscription is not ready to be updated. Please try again after sometime", "to be updated. Try again after sometimeSubscription is not ready", "to be updated. Please try again after sometimeSubscription is not ready"),
        R(EditionNewest, 200, "400072", Eligibility, "This item isn't available. To learn more, see Azure in Cloud Solution Provider (CSP)", "This item isn't available. Learn more ({0})"),
        R(Edition2023, 400, "900242", Validation, "The custom term end date specified for line item {0} does not match with the end date of any active non-trial OnlineServicesNCE subscription or align with the end of the calendar month. Partners should select a new custom term end date."),
        R(Edition2023, 400, "900312", Validation, "The selected scope '{0}' in the provisioning context is not supported."),
        R(Edition2023, 400, "900313", Validation, "Entitlement ID (Azure subscription ID) in the provisioning context is required for the transaction."),
        R(Edition2023, 400, "900314", Eligibility, "The Azure subscription associated with the entitlement ID is not active. An active Azure subscription is required to complete the purchase."),
        R(Edition2023, 400, "900317", Validation, "Subscription ID (Azure plan ID) in the provisioning context is required for the transaction."),
        R(Edition2023, 403, "900323", Validation, "Azure savings plan purchases will inherit the partner on record of the associated Azure Plan. The provided partner on record does not match the value ({0}) on the associated Azure Plan."),
        R(EditionNewestZhCn, 400, "400056", Validation, "Invalid input"),

        // Other Partner Center pages.
        R(AssignLicenses, 400, "60012", Quota, "We are sorry, it looks like you have run out of licenses. Buy more licenses, and then try again.", "We're sorry, it looks like you've run out of licenses. Buy more licenses, and then try again."),
        R(CancelAzureSubscription, 403, "900159", Auth, "The partner with account ID {0} and organization ID {1} has no commerce relationship with the customer with account ID {2} and organization ID {3}."),
        R(CancelAzureSubscription, 400, "900307", Validation, "Cancellation reason '{0} is invalid."),
        R(ReactivateAzureSubscription, 403, "900335", Auth, "Partner doesn't have required permissions to reactivate Azure entitlement with ID {0}."),
        R(CartResources, 0, "10000", Eligibility, "Currency isn't supported for given market"),
        R(CartResources, 0, "10001", Validation, "Catalog item ID isn't valid"),
        R(CartResources, 0, "10002", Quota, "Not enough quota available"),
        R(CartResources, 0, "10003", Eligibility, "Inventory isn't available for selected offer"),
        R(CartResources, 0, "10004", Eligibility, "Setting participants isn't supported for Partner"),
        R(CartResources, 0, "10006", Validation, "Unable to process cart line item."),
        R(CartResources, 0, "10007", Validation, "Subscription isn't valid."),
        R(CartResources, 0, "10008", Eligibility, "Subscription isn't enabled for reservation purchases."),
        R(CartResources, 0, "10009", Quota, "The sandbox limit has been exceeded."),
        R(CartResources, 0, "10010", Validation, "Generic input isn't valid."),
        R(CartResources, 0, "10011", Validation, "Subscription isn't valid."),
        R(CartResources, 0, "10012", Eligibility, "Attestation hasn't been accepted."),
        R(AcceptTransfer, 0, "900103", Eligibility, "Subscription SyncState must be SyncComplete for the Subscription to be a source in a Subscription Ownership Transfer. Subscription: {0}, current state: {1}"),
        R(CustomerAgreement, 0, "600061", Conflict, "A partner confirmed agreement already exists for the customer."),
        R(ValidationStatus, 0, "600074", NotFound, "Account Status for the customer, {0} was not found."),
        R(SelfServePolicies, 409, "600041", Conflict, "Self-serve policy already exists."),
        R(SelfServePolicies, 404, "600039", NotFound, "Self-serve policy not found.", "Self-serve policy was not found"),
        R(SelfServePolicies, 404, "600040", NotFound, "Self-serve policy identifier is incorrect"),
        R(SandboxResellers, 401, "6002", Auth, "Unauthorized token or Not a Tip Provider Account"),
        R(SandboxResellers, 403, "6003", Eligibility, "Delete Sandbox Indirect Reseller isn't allowed", "Delete Sandbox IR is not allowed"),
        R(SandboxResellers, 403, "6004", Eligibility, "Create Sandbox Indirect Reseller operation not allowed", "Create Sandbox IR operation not allowed"),
        R(SandboxResellers, 409, "1003", Conflict, "Conflict while creating tenant"),
        R(Catalog, 403, "400030", Auth, "Access to the requested targetSegment is not allowed."),
        R(Catalog, 403, "400036", Auth, "Access to the requested targetView is not allowed."),
        R(PartnerByMpnId, 404, "3000", NotFound, "Partner Organization with partner_id {0} could not be found"),
        R(MpaVerification, 400, "2000", Validation, "Tenant Id must be a GUID.", "MPN Id must be numeric.", "Both MPN Id and Tenant Id should not be passed."),
        R(MpaVerification, 400, "2001", Validation, "Both MPN Id and Tenant Id cannot be empty."),
        R(MpaVerification, 400, "2200", Validation, "Requested MPN Id {0} is either invalid or does not exist in Partner Center.", "MPN Id {0} is either invalid or not yet migrated to Partner Center. Please advise your reseller to migrate the reseller MPN ID to Partner Center to continue with this order."),
        R(MpaVerification, 400, "2201", Eligibility, "The CSP region of the requested PartnerID {0} is {1} and doesn't match the CSP region {2} of Indirect Provider with Tenant id {3}.", "The CSP region of the MPN ID {0} doesn’t match the CSP region from where you are placing the order. Provide the MPN ID for the CSP region where you are placing the order."),
        R(MpaVerification, 400, "2203", Eligibility, "MPN Id {0} has not signed Microsoft Partner Agreement (MPA) for the CSP region where the order is being placed. Please advise your reseller to sign MPA to continue with the order."),
        R(MpaVerification, 400, "2204", Eligibility, "Requested MPN Id {0} is not associated with any CSP Indirect Reseller account in Partner Center. Please advise your reseller to enroll into the CSP program as an indirect reseller in Partner Center to be compliant.", "MPN Id {0} is not associated with a CSP Indirect Reseller account in Partner Center. Please advise your reseller to enroll into the CSP program as an indirect reseller in Partner Center."),
        R(MpaVerification, 400, "2205", Validation, "Could not find account with id '{0}'.", "Partner Center doesn't find any account associated to the Tenant ID {0}"),
        R(MpaVerification, 400, "2206", Eligibility, "Parnter Center Account associated to Tenant Id {0} hasn't signed the agreement"),
        R(Transitions, 200, "2", Eligibility, "Subscription cannot be upgraded because the source subscription state is not active. Additional Details contains the current source subscription state.", "SubscriptionStatusNotActive: upgrade cannot be performed because the subscription status is suspended or cancelled."),
        R(Transitions, 200, "3", Eligibility, "The subscription's term duration is shorter than the source subscription's term duration.", "Subscription cannot be transitioned because there are conflicting services.", "ConflictingServiceTypes: upgrade cannot be performed due to conflicting source service types."),
        R(Migrations, 200, "5", Eligibility, "Subscription cannot be migrated to New Commerce because the equivalent offer is not yet available in New Commerce"),
        R(UpgradeErrorCodes, 200, "5", Auth, "UserContextRequired: upgrade cannot be performed because the current request uses app context."),
        R(UpgradeErrorCodes, 200, "0", Eligibility, "Other: General error."),
        R(UpgradeErrorCodes, 200, "1", Auth, "DelegatedAdminPermissionsDisabled: upgrade cannot be performed because delegated admin permissions were removed."),
        R(UpgradeErrorCodes, 200, "4", Eligibility, "ConcurrencyConflicts: upgrade cannot be performed due to concurrent subscription restrictions."),
        R(UpgradeErrorCodes, 200, "6", Eligibility, "SubscriptionAddOnsPresent: upgrade cannot be performed because the source subscription previously purchased add-ons."),
        R(UpgradeErrorCodes, 200, "7", Eligibility, "SubscriptionDoesNotHaveAnyUpgradePaths: upgrade cannot be performed because the source subscription has no upgrade paths."),
        R(PartnerRest, 403, "accessDenied", Auth, "The caller doesn't have permission to perform the action."),
        R(PartnerRest, 500, "generalException", Transient, "An unspecified error has occurred."),
        R(PartnerRest, 400, "invalidRequest", Validation, "The request is malformed or incorrect."),
        R(PartnerRest, 404, "itemNotFound", NotFound, "The resource could not be found."),
        R(PartnerRest, 412, "preconditionFailed", Conflict, "A precondition provided in the request (such as an if-match header) does not match the resource's current state."),
        R(PartnerRest, 409, "resourceModified", Conflict, "The resource being updated has changed since the caller last read it, usually an eTag mismatch."),
        R(PartnerRest, 503, "serviceNotAvailable", Transient, "The service is not available. Try the request again after a delay. There may be a Retry-After header."),
        R(PartnerRest, 401, "unauthenticated", Auth, "The caller is not authenticated."),
        R(Throttling, 429, null, Quota, "Rate limit is exceeded. Try again in {0} seconds."),
        R(GraphTokenDeprecation, 401, "900420", Auth, "The audience '{0}' in the token is invalid and is no longer supported in Partner Center API."),
        R(AddOns, 400, "400041", Eligibility, "The addon is not purchasable without a compatible base product"),
    ];

    /// <summary>Facts from other sources that word an already-catalogued (status, code) differently, with the same meaning.</summary>
    private static (int Status, string Code, string Wording)[] OtherWordingsOfCataloguedRows() =>
    [
        (400, "2001", "Subscription quantity can't be increased or decreased while subscription is being suspended"), // the seed page's codeless row
        (400, "6000", "The billing cycle couldn't be changed because the order contains one or more subscriptions that aren't active"), // the seed page's codeless row
        (403, "800075", "is correct. For more information, refer to {0Your Customer account wasn't approved. Transactions for this customer aren't allowed. Verify the customer account information}"), // the seed page's garbled text, as it stands
        (403, "900309", "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Learn more at Users and groups in Conditional Access policy - Microsoft Entra"),
        (403, "900309", "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Learn more at {0}"),
        (403, "900309", "Access has been blocked by Conditional Access Policy (GDAP, customer tenant)"),
        (400, "900316", "Partner token is not allowed in license management calls. Please call with Partner Access Token - Enable secure application model"),
        (400, "900316", "Partner token is not allowed in license management calls. Please call with Partner Access Token. To learn more, see {0}"),
        (400, "900316", "Partner token isn't allowed in license management calls"),
        (400, "800002", "Customer ID {0} should have GUID format (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."),
        (400, "800002", "Subscription ID is required."),
        (400, "800002", "Entitlement ID is required."),
        (400, "800002", "The Azure entitlement cancellation request content is required."),
        (404, "800111", "Azure entitlement with ID {0} is not found."),
        (404, "400013", "The parent product was not found."),
        (404, "400013", "Product was not found."),
        (404, "400018", "Sku was not found."),
        (404, "400019", "Availability not found."),
        (400, "800090", "Subscription quantity cannot be decreased."),
        (401, "800001", "Partner Token missing in request context."),
        (400, "800002", "Invalid request input."),
        (500, "800003", "Unexpected service error."),
        (400, "800004", "Invalid offer ID."),
        (500, "800005", "Create order is not successful."),
        (404, "800015", "PartnerID is not found."),
        (404, "800015", "MPN ID is not found."),
        (400, "800016", "PartnerID is not a valid Indirect Reseller."),
        (400, "800016", "MPN ID is not a valid Indirect Reseller."),
        (404, "900100", "Transfer request not found."),
        (409, "900101", "The transfer request is already in progress."),
        (400, "900102", "The transfer request is already complete."),
        (500, "900103", "The transfer order is not successful."),
        (409, "900104", "The transfer is being processed by another request."),
    ];

    private static PartnerCenterErrorDefinition R(string source, int status, string? code, PartnerCenterErrorCategory category, string template, params string[] otherWordings) =>
        new(status, code, category, template, source, otherWordings);
}
