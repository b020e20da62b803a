package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The SSO Admin operations the assignment planner and applier use, with the request shapes and
 * patterns of the IAM Identity Center API reference: ListInstances, ListPermissionSets,
 * DescribePermissionSet, UpdatePermissionSet, ProvisionPermissionSet,
 * DescribePermissionSetProvisioningStatus, ListAccountAssignments,
 * ListAccountsForProvisionedPermissionSet, ListPermissionSetsProvisionedToAccount,
 * CreateAccountAssignment, DeleteAccountAssignment, DescribeAccountAssignmentCreationStatus,
 * DescribeAccountAssignmentDeletionStatus, PutInlinePolicyToPermissionSet,
 * GetInlinePolicyForPermissionSet, DeleteInlinePolicyFromPermissionSet. Every modelled error is HTTP 400 but
 * InternalServerException (500).
 */
final class SsoAdminOperations implements AwsJsonService {

    static final String TARGET_PREFIX = "SWBExternalService.";

    private static final String PARTITIONS = "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::";
    private static final Pattern INSTANCE_ARN = Pattern.compile(PARTITIONS + "instance/(sso)?ins-[a-zA-Z0-9-.]{16}");
    private static final Pattern PERMISSION_SET_ARN = Pattern.compile(
            PARTITIONS + "permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PRINCIPAL_ID = Pattern.compile(
            "([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");
    private static final Pattern REQUEST_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SsoAdminState state;

    SsoAdminOperations(SsoAdminState state) {
        this.state = state;
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String signingName() {
        return "sso";
    }

    @Override
    public ObjectNode invoke(String operation, ObjectNode input) {
        try {
            if (!operation.equals("ListInstances")) {
                requireInstance(input);
            }
            return switch (operation) {
                case "ListInstances" -> listInstances(input);
                case "ListPermissionSets" -> page("ListPermissionSets", "PermissionSets",
                        state.permissionSets().stream().map(p -> p.arn).toList(), input, Json.MAPPER::valueToTree);
                case "DescribePermissionSet" -> describePermissionSet(input);
                case "UpdatePermissionSet" -> updatePermissionSet(input);
                case "ProvisionPermissionSet" -> provisionPermissionSet(input);
                case "DescribePermissionSetProvisioningStatus" -> describeProvisioning(input);
                case "ListAccountAssignments" -> listAccountAssignments(input);
                case "ListAccountsForProvisionedPermissionSet" -> listAccountsForProvisioned(input);
                case "ListPermissionSetsProvisionedToAccount" -> page("ListPermissionSetsProvisionedToAccount",
                        "PermissionSets", state.provisionedPermissionSets(accountId(input, "AccountId")), input,
                        Json.MAPPER::valueToTree);
                case "PutInlinePolicyToPermissionSet" -> {
                    state.putInlinePolicy(permissionSetArn(input), requiredText(input, "InlinePolicy"));
                    yield Json.object();
                }
                case "GetInlinePolicyForPermissionSet" -> {
                    ObjectNode out = Json.object();
                    out.put("InlinePolicy", state.inlinePolicy(permissionSetArn(input)));
                    yield out;
                }
                case "DeleteInlinePolicyFromPermissionSet" -> {
                    state.deleteInlinePolicy(permissionSetArn(input));
                    yield Json.object();
                }
                case "CreateAccountAssignment" -> request(SsoAdminState.Kind.CREATE, input);
                case "DeleteAccountAssignment" -> request(SsoAdminState.Kind.DELETE, input);
                case "DescribeAccountAssignmentCreationStatus" ->
                        describeRequest(SsoAdminState.Kind.CREATE, input, "AccountAssignmentCreationRequestId");
                case "DescribeAccountAssignmentDeletionStatus" ->
                        describeRequest(SsoAdminState.Kind.DELETE, input, "AccountAssignmentDeletionRequestId");
                default -> throw AwsError.of("UnknownOperationException", 400, "operation not emulated: " + operation);
            };
        } catch (SsoAdminState.Refused refused) {
            throw AwsError.of(refused.type, 400, refused.getMessage());
        }
    }

    private ObjectNode listInstances(ObjectNode input) {
        return page("ListInstances", "Instances", List.of(state.instanceArn()), input, arn -> {
            ObjectNode instance = Json.object();
            instance.put("InstanceArn", arn);
            instance.put("IdentityStoreId", state.identityStoreId());
            instance.put("OwnerAccountId", state.ownerAccountId());
            instance.put("Name", "scim-bridge-emulator");
            instance.put("CreatedDate", epochSeconds(state.instanceCreated()));
            instance.put("Status", "ACTIVE");
            return instance;
        });
    }

    private ObjectNode describePermissionSet(ObjectNode input) {
        SsoAdminState.PermissionSet ps = state.requirePermissionSet(permissionSetArn(input));
        ObjectNode set = Json.object();
        set.put("Name", ps.name);
        set.put("PermissionSetArn", ps.arn);
        if (ps.description != null) {
            set.put("Description", ps.description);
        }
        set.put("CreatedDate", epochSeconds(ps.created));
        set.put("SessionDuration", ps.sessionDuration);
        if (ps.relayState != null) {
            set.put("RelayState", ps.relayState);
        }
        ObjectNode out = Json.object();
        out.set("PermissionSet", set);
        return out;
    }

    private ObjectNode updatePermissionSet(ObjectNode input) {
        state.update(permissionSetArn(input), optionalText(input, "Description"), optionalText(input, "SessionDuration"),
                optionalText(input, "RelayState"));
        return Json.object();
    }

    private ObjectNode provisionPermissionSet(ObjectNode input) {
        String arn = permissionSetArn(input);
        String targetType = requiredText(input, "TargetType");
        String targetId = null;
        switch (targetType) {
            case "AWS_ACCOUNT" -> targetId = accountId(input, "TargetId");
            case "ALL_PROVISIONED_ACCOUNTS" -> {
                if (input.hasNonNull("TargetId")) {
                    throw AwsError.validation("TargetId must not be given with ALL_PROVISIONED_ACCOUNTS");
                }
            }
            default -> throw AwsError.validation("TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS");
        }
        ObjectNode out = Json.object();
        out.set("PermissionSetProvisioningStatus", provisioning(state.provisionRequest(arn, targetId)));
        return out;
    }

    private ObjectNode describeProvisioning(ObjectNode input) {
        String id = requestId(input, "ProvisionPermissionSetRequestId");
        SsoAdminState.Provisioning p = state.pollProvisioning(id).orElseThrow(() ->
                AwsError.of("ResourceNotFoundException", 400, "Could not find provisioning request " + id));
        ObjectNode out = Json.object();
        out.set("PermissionSetProvisioningStatus", provisioning(p));
        return out;
    }

    private ObjectNode listAccountAssignments(ObjectNode input) {
        String account = accountId(input, "AccountId");
        String arn = permissionSetArn(input);
        state.requirePermissionSet(arn);
        return page("ListAccountAssignments", "AccountAssignments", state.assignments(arn, account), input, a -> {
            ObjectNode item = Json.object();
            item.put("AccountId", a.accountId());
            item.put("PermissionSetArn", a.permissionSetArn());
            item.put("PrincipalType", a.principalType());
            item.put("PrincipalId", a.principalId());
            return item;
        });
    }

    private ObjectNode listAccountsForProvisioned(ObjectNode input) {
        String arn = permissionSetArn(input);
        state.requirePermissionSet(arn);
        String status = optionalText(input, "ProvisioningStatus");
        if (status != null && !status.equals("LATEST_PERMISSION_SET_PROVISIONED")
                && !status.equals("LATEST_PERMISSION_SET_NOT_PROVISIONED")) {
            throw AwsError.validation("ProvisioningStatus must be LATEST_PERMISSION_SET_PROVISIONED or"
                    + " LATEST_PERMISSION_SET_NOT_PROVISIONED");
        }
        return page("ListAccountsForProvisionedPermissionSet", "AccountIds", state.provisionedAccounts(arn, status),
                input, Json.MAPPER::valueToTree);
    }

    private ObjectNode request(SsoAdminState.Kind kind, ObjectNode input) {
        if (!"AWS_ACCOUNT".equals(optionalText(input, "TargetType"))) {
            throw AwsError.validation("TargetType must be AWS_ACCOUNT");
        }
        String principalType = requiredText(input, "PrincipalType");
        if (!principalType.equals("USER") && !principalType.equals("GROUP")) {
            throw AwsError.validation("PrincipalType must be USER or GROUP");
        }
        String principalId = requiredText(input, "PrincipalId");
        if (principalId.length() > 47 || !PRINCIPAL_ID.matcher(principalId).matches()) {
            throw AwsError.validation("PrincipalId does not match the identity store id pattern: " + principalId);
        }
        SsoAssignment assignment = new SsoAssignment(permissionSetArn(input), accountId(input, "TargetId"),
                principalType, principalId);
        SsoAdminState.Operation op = state.request(kind, assignment);
        ObjectNode out = Json.object();
        out.set(kind == SsoAdminState.Kind.CREATE ? "AccountAssignmentCreationStatus" : "AccountAssignmentDeletionStatus",
                status(op));
        return out;
    }

    private ObjectNode describeRequest(SsoAdminState.Kind kind, ObjectNode input, String idField) {
        String id = requestId(input, idField);
        SsoAdminState.Operation op = state.poll(kind, id).orElseThrow(() ->
                AwsError.of("ResourceNotFoundException", 400, "Could not find request " + id));
        ObjectNode out = Json.object();
        out.set(kind == SsoAdminState.Kind.CREATE ? "AccountAssignmentCreationStatus" : "AccountAssignmentDeletionStatus",
                status(op));
        return out;
    }

    private static ObjectNode status(SsoAdminState.Operation op) {
        ObjectNode status = Json.object();
        status.put("Status", op.status);
        status.put("RequestId", op.requestId);
        if (op.failureReason != null) {
            status.put("FailureReason", op.failureReason);
        }
        status.put("TargetId", op.assignment.accountId());
        status.put("TargetType", "AWS_ACCOUNT");
        status.put("PermissionSetArn", op.assignment.permissionSetArn());
        status.put("PrincipalType", op.assignment.principalType());
        status.put("PrincipalId", op.assignment.principalId());
        status.put("CreatedDate", epochSeconds(op.created));
        return status;
    }

    private static ObjectNode provisioning(SsoAdminState.Provisioning p) {
        ObjectNode status = Json.object();
        status.put("Status", p.status);
        status.put("RequestId", p.requestId);
        if (p.targetId != null) {
            status.put("AccountId", p.targetId);
        }
        status.put("PermissionSetArn", p.permissionSetArn);
        if (p.failureReason != null) {
            status.put("FailureReason", p.failureReason);
        }
        status.put("CreatedDate", epochSeconds(p.created));
        return status;
    }

    private <T> ObjectNode page(String operation, String field, List<T> all, ObjectNode input,
                                Function<T, JsonNode> shape) {
        Pagination.Page<T> page = Pagination.page(operation, all, input);
        ArrayNode items = Json.array();
        page.items().forEach(item -> items.add(shape.apply(item)));
        ObjectNode out = Json.object();
        out.set(field, items);
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    private void requireInstance(ObjectNode input) {
        String arn = requiredText(input, "InstanceArn");
        if (!INSTANCE_ARN.matcher(arn).matches()) {
            throw AwsError.validation("InstanceArn does not match the instance ARN pattern: " + arn);
        }
        if (!arn.equals(state.instanceArn())) {
            throw AwsError.of("ResourceNotFoundException", 400, "Could not find instance " + arn);
        }
    }

    private static String permissionSetArn(ObjectNode input) {
        String arn = requiredText(input, "PermissionSetArn");
        if (!PERMISSION_SET_ARN.matcher(arn).matches()) {
            throw AwsError.validation("PermissionSetArn does not match the permission set ARN pattern: " + arn);
        }
        return arn;
    }

    private static String accountId(ObjectNode input, String field) {
        String id = requiredText(input, field);
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw AwsError.validation(field + " must be 12 digits: " + id);
        }
        return id;
    }

    private static String requestId(ObjectNode input, String field) {
        String id = requiredText(input, field);
        if (!REQUEST_ID.matcher(id).matches()) {
            throw AwsError.validation(field + " must be a request id (UUID): " + id);
        }
        return id;
    }

    private static String requiredText(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw AwsError.validation(field + " is required");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode input, String field) {
        JsonNode node = input.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
