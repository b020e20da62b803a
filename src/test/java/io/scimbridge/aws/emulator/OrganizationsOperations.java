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
    private volatile int defaultPageSize = MAX_RESULTS;

    OrganizationsOperations(OrganizationTree tree) {
        this.tree = tree;
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
        root.set("PolicyTypes", Json.array());
        return root;
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

    private static AwsError invalidInput(String message) {
        return AwsError.of("InvalidInputException", 400, message);
    }
}
