package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The read operations of AWS Organizations the assignment planner uses (API reference:
 * DescribeOrganization, ListRoots, ListAccounts, ListOrganizationalUnitsForParent,
 * ListAccountsForParent, ListTagsForResource, DescribeAccount). List operations take MaxResults
 * 1..20; ListTagsForResource has no MaxResults, its page size is an emulator setting.
 */
final class OrganizationsOperations implements AwsJsonService {

    static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    private static final int MAX_RESULTS = 20;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final OrganizationTree tree;
    private final OrganizationPolicies policies;
    private volatile int defaultPageSize = MAX_RESULTS;

    OrganizationsOperations(OrganizationTree tree, OrganizationPolicies policies) {
        this.tree = tree;
        this.policies = policies;
    }

    void defaultPageSize(int size) {
        if (size < 1 || size > MAX_RESULTS) {
            throw new IllegalArgumentException("page size is 1..20");
        }
        defaultPageSize = size;
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String signingName() {
        return "organizations";
    }

    @Override
    public AwsError throttled(long retryAfterSeconds) {
        return AwsError.of("TooManyRequestsException", 400, "You have sent too many requests in too short a period of time.");
    }

    @Override
    public ObjectNode invoke(String operation, ObjectNode input) {
        return switch (operation) {
            case "DescribeOrganization" -> describeOrganization();
            case "ListRoots" -> page("ListRoots", "Roots", List.of(tree.rootId()), input, this::root);
            case "ListAccounts" -> page("ListAccounts", "Accounts", tree.accounts(), input, this::account);
            case "ListOrganizationalUnitsForParent" -> page("ListOrganizationalUnitsForParent", "OrganizationalUnits",
                    tree.unitsUnder(parent(input)), input, this::unit);
            case "ListAccountsForParent" -> page("ListAccountsForParent", "Accounts",
                    tree.accountsUnder(parent(input)), input, this::account);
            case "ListTagsForResource" -> listTags(input);
            case "DescribeAccount" -> describeAccount(input);
            case "CreatePolicy" -> policy(policies.create(requiredText(input, "Name"), description(input),
                    requiredText(input, "Type"), requiredText(input, "Content")));
            case "UpdatePolicy" -> policy(policies.update(requiredText(input, "PolicyId"), optionalText(input, "Name"),
                    optionalText(input, "Description"), optionalText(input, "Content")));
            case "DescribePolicy" -> policy(policies.describe(requiredText(input, "PolicyId")));
            case "DeletePolicy" -> {
                policies.delete(requiredText(input, "PolicyId"));
                yield Json.object();
            }
            case "AttachPolicy" -> {
                policies.attach(requiredText(input, "PolicyId"), requiredText(input, "TargetId"));
                yield Json.object();
            }
            case "DetachPolicy" -> {
                policies.detach(requiredText(input, "PolicyId"), requiredText(input, "TargetId"));
                yield Json.object();
            }
            case "ListPolicies" -> page("ListPolicies", "Policies", policies.list(requiredText(input, "Filter")), input,
                    this::policySummary);
            case "ListPoliciesForTarget" -> page("ListPoliciesForTarget", "Policies",
                    policies.forTarget(requiredText(input, "TargetId"), requiredText(input, "Filter")), input,
                    this::policySummary);
            case "ListTargetsForPolicy" -> page("ListTargetsForPolicy", "Targets",
                    policies.targetsOf(requiredText(input, "PolicyId")), input, this::target);
            default -> throw AwsError.of("UnknownOperationException", 400, "operation not emulated: " + operation);
        };
    }

    private ObjectNode describeOrganization() {
        ObjectNode org = Json.object();
        org.put("Id", tree.organizationId());
        org.put("Arn", "arn:aws:organizations::" + tree.managementAccountId() + ":organization/" + tree.organizationId());
        org.put("FeatureSet", "ALL");
        org.put("MasterAccountArn", accountArn(tree.managementAccountId()));
        org.put("MasterAccountId", tree.managementAccountId());
        org.put("MasterAccountEmail", tree.account(tree.managementAccountId()).orElseThrow().email());
        org.set("AvailablePolicyTypes", Json.array());
        ObjectNode out = Json.object();
        out.set("Organization", org);
        return out;
    }

    private ObjectNode listTags(ObjectNode input) {
        String resourceId = requiredText(input, "ResourceId");
        Map<String, String> tags = tree.tagsOf(resourceId).orElseThrow(() -> AwsError.of("TargetNotFoundException", 400,
                "We can't find a root, OU, account, or policy with the TargetId that you specified."));
        ObjectNode paging = input.deepCopy();
        paging.put("MaxResults", defaultPageSize);
        return page("ListTagsForResource", "Tags", List.copyOf(tags.entrySet()), paging, e -> {
            ObjectNode tag = Json.object();
            tag.put("Key", e.getKey());
            tag.put("Value", e.getValue());
            return tag;
        });
    }

    private ObjectNode describeAccount(ObjectNode input) {
        String id = requiredText(input, "AccountId");
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw invalidInput("AccountId must be 12 digits");
        }
        OrganizationTree.Account account = tree.account(id).orElseThrow(() -> AwsError.of("AccountNotFoundException", 400,
                "You specified an account that doesn't exist."));
        ObjectNode out = Json.object();
        out.set("Account", account(account));
        return out;
    }

    private String parent(ObjectNode input) {
        String parentId = requiredText(input, "ParentId");
        if (!tree.isParent(parentId)) {
            throw AwsError.of("ParentNotFoundException", 400, "We can't find a root or OU with the ParentId that you specified.");
        }
        return parentId;
    }

    private <T> ObjectNode page(String operation, String field, List<T> all, ObjectNode input, Function<T, ObjectNode> shape) {
        JsonNode max = input.get("MaxResults");
        ObjectNode paging = input;
        if (max == null || max.isNull()) {
            paging = input.deepCopy();
            paging.put("MaxResults", defaultPageSize);
        } else if (!max.canConvertToInt() || max.asInt() < 1 || max.asInt() > MAX_RESULTS) {
            throw invalidInput("MaxResults must be between 1 and 20");
        }
        Pagination.Page<T> page = Pagination.page(operation, all, paging);
        ArrayNode items = Json.array();
        page.items().forEach(item -> items.add(shape.apply(item)));
        ObjectNode out = Json.object();
        out.set(field, items);
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    private ObjectNode root(String id) {
        ObjectNode root = Json.object();
        root.put("Id", id);
        root.put("Arn", "arn:aws:organizations::" + tree.managementAccountId() + ":root/" + tree.organizationId() + "/" + id);
        root.put("Name", "Root");
        ArrayNode types = Json.array();
        if (policies.serviceControlPoliciesEnabled()) {
            types.addObject().put("Type", OrganizationPolicies.SCP).put("Status", "ENABLED");
        }
        root.set("PolicyTypes", types);
        return root;
    }

    private ObjectNode policy(OrganizationPolicies.Policy policy) {
        ObjectNode p = Json.object();
        p.set("PolicySummary", policySummary(policy));
        p.put("Content", policy.content());
        ObjectNode out = Json.object();
        out.set("Policy", p);
        return out;
    }

    private ObjectNode policySummary(OrganizationPolicies.Policy policy) {
        ObjectNode s = Json.object();
        s.put("Id", policy.id());
        s.put("Arn", policy.awsManaged()
                ? "arn:aws:organizations::aws:policy/service_control_policy/" + policy.id()
                : "arn:aws:organizations::" + tree.managementAccountId() + ":policy/" + tree.organizationId()
                        + "/service_control_policy/" + policy.id());
        s.put("Name", policy.name());
        s.put("Description", policy.description());
        s.put("Type", policy.type());
        s.put("AwsManaged", policy.awsManaged());
        return s;
    }

    private ObjectNode target(String id) {
        ObjectNode t = Json.object();
        t.put("TargetId", id);
        if (id.equals(tree.rootId())) {
            t.put("Type", "ROOT").put("Name", "Root").set("Arn", root(id).get("Arn"));
        } else if (id.startsWith("ou-")) {
            OrganizationTree.OrganizationalUnit unit = tree.organizationalUnit(id).orElseThrow();
            t.put("Type", "ORGANIZATIONAL_UNIT").put("Name", unit.name()).set("Arn", unit(unit).get("Arn"));
        } else {
            OrganizationTree.Account account = tree.account(id).orElseThrow();
            t.put("Type", "ACCOUNT").put("Name", account.name()).put("Arn", accountArn(id));
        }
        return t;
    }

    private ObjectNode unit(OrganizationTree.OrganizationalUnit unit) {
        ObjectNode ou = Json.object();
        ou.put("Id", unit.id());
        ou.put("Arn", "arn:aws:organizations::" + tree.managementAccountId() + ":ou/" + tree.organizationId() + "/" + unit.id());
        ou.put("Name", unit.name());
        return ou;
    }

    private ObjectNode account(OrganizationTree.Account account) {
        ObjectNode a = Json.object();
        a.put("Id", account.id());
        a.put("Arn", accountArn(account.id()));
        a.put("Email", account.email());
        a.put("Name", account.name());
        a.put("Status", account.state().status());
        a.put("State", account.state().name());
        a.put("JoinedMethod", account.id().equals(tree.managementAccountId()) ? "INVITED" : "CREATED");
        a.put("JoinedTimestamp", account.joined().toEpochMilli() / 1000.0);
        return a;
    }

    private String accountArn(String id) {
        return "arn:aws:organizations::" + tree.managementAccountId() + ":account/" + tree.organizationId() + "/" + id;
    }

    private static String requiredText(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw invalidInput(field + " is required");
        }
        return node.asText();
    }

    /** CreatePolicy's Description is required and may be empty (0..512 characters). */
    private static String description(JsonNode input) {
        JsonNode node = input.get("Description");
        if (node == null || !node.isTextual()) {
            throw invalidInput("Description is required");
        }
        if (node.asText().length() > 512) {
            throw invalidInput("Description is at most 512 characters");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode input, String field) {
        JsonNode node = input.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static AwsError invalidInput(String message) {
        return AwsError.of("InvalidInputException", 400, message);
    }
}
