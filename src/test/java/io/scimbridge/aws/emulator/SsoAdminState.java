package io.scimbridge.aws.emulator;

import io.scimbridge.identitycenter.emulator.IdentityCenterState;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the SSO Admin emulator holds: one instance, its permission sets, account assignments, where
 * each permission set is provisioned (with the session duration provisioned there), and the
 * asynchronous requests (assignment creation/deletion, permission set provisioning).
 *
 * <p>Asynchronous model: a request is IN_PROGRESS when accepted; it completes when polled for the
 * {@code pollsToComplete}-th time, or at the next {@link #tick()}; while {@link #hold(boolean) held}
 * only a tick completes it. Whether it SUCCEEDED or FAILED (unknown principal, permission set or
 * account; an account that is not ACTIVE) is decided at completion, as AWS does the work then.
 *
 * <p>AWS documents at most 10 outstanding asynchronous CreateAccountAssignment calls. The emulator
 * counts creations and deletions in one budget (the stricter reading) and refuses a request beyond
 * it with ThrottlingException "There are too many requests processing. Please try again later." (the
 * answer users report; ConflictException can be chosen instead). A second request for an assignment
 * with one still in progress is a ConflictException.
 *
 * <p>Thread-safe: every method locks this object.
 */
final class SsoAdminState {

    static final String TOO_MANY = "There are too many requests processing. Please try again later.";

    enum Kind { CREATE, DELETE }

    static final class Operation {
        final String requestId = UUID.randomUUID().toString();
        final Kind kind;
        final SsoAssignment assignment;
        final Instant created = Instant.now();
        String status = "IN_PROGRESS";
        String failureReason;
        int polls;

        Operation(Kind kind, SsoAssignment assignment) {
            this.kind = kind;
            this.assignment = assignment;
        }
    }

    static final class Provisioning {
        final String requestId = UUID.randomUUID().toString();
        final String permissionSetArn;
        final String targetId;
        final Instant created = Instant.now();
        String status = "IN_PROGRESS";
        String failureReason;
        int polls;

        Provisioning(String permissionSetArn, String targetId) {
            this.permissionSetArn = permissionSetArn;
            this.targetId = targetId;
        }
    }

    static final class PermissionSet {
        final String arn;
        final String name;
        final Instant created = Instant.now();
        String description;
        String sessionDuration;
        String relayState;
        /** Null while the set has none (GetInlinePolicyForPermissionSet then answers an empty string). */
        String inlinePolicy;

        PermissionSet(String arn, String name, String sessionDuration) {
            this.arn = arn;
            this.name = name;
            this.sessionDuration = sessionDuration;
        }
    }

    /** What a permission set looked like when it was last provisioned to an account. */
    record Provisioned(String sessionDuration, String inlinePolicy) {
    }

    /** An error AWS answers synchronously, raised as an {@link AwsError} by the operations layer. */
    static final class Refused extends RuntimeException {
        final String type;

        Refused(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String DEFAULT_SESSION_DURATION = "PT1H";
    /** API reference, PutInlinePolicyToPermissionSet: InlinePolicy length 1 to 32,768. */
    static final int INLINE_POLICY_MAX = 32768;
    /**
     * Identity Center quotas, "Maximum size of inline policy per permission set": of the 32,768,
     * at most 10,240 characters that are not whitespace (IAM's quota for a role's inline policies).
     */
    static final int INLINE_POLICY_MAX_NON_WHITESPACE = 10240;

    private final String instanceArn;
    private final String instanceId;
    private final String ownerAccountId;
    private final String identityStoreId;
    private final IdentityCenterState identities;
    private final OrganizationTree organization;
    private final Instant instanceCreated = Instant.now();

    private final Map<String, PermissionSet> permissionSets = new LinkedHashMap<>();
    private final Set<SsoAssignment> assignments = new LinkedHashSet<>();
    /** Permission set -> account -> what was provisioned there (the role in the account is a copy of the set). */
    private final Map<String, Map<String, Provisioned>> provisioned = new HashMap<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Map<SsoAssignment, Operation> inProgress = new HashMap<>();
    private final Map<String, Provisioning> provisionings = new LinkedHashMap<>();
    private final Map<SsoAssignment, Integer> acceptedCreates = new HashMap<>();
    private final Set<String> seededPrincipals = new HashSet<>();
    private final Set<String> seededAccounts = new HashSet<>();

    private int pollsToComplete = 1;
    private boolean held;
    private int outstandingLimit = 10;
    private String outstandingLimitError = "ThrottlingException";
    private int maxOutstanding;

    /**
     * @param identities   principals come from here when not null (and from seeding)
     * @param organization target accounts come from here when not null (and from seeding)
     */
    SsoAdminState(String ownerAccountId, String identityStoreId, IdentityCenterState identities,
                  OrganizationTree organization) {
        this.instanceId = "ssoins-" + HexFormat.of().formatHex(randomBytes(8));
        this.instanceArn = "arn:aws:sso:::instance/" + instanceId;
        this.ownerAccountId = ownerAccountId;
        this.identityStoreId = identityStoreId;
        this.identities = identities;
        this.organization = organization;
    }

    String instanceArn() {
        return instanceArn;
    }

    String identityStoreId() {
        return identityStoreId;
    }

    String ownerAccountId() {
        return ownerAccountId;
    }

    Instant instanceCreated() {
        return instanceCreated;
    }

    // ---- knobs

    synchronized void pollsToComplete(int polls) {
        if (polls < 1) {
            throw new IllegalArgumentException("an operation completes on its first poll at the earliest");
        }
        pollsToComplete = polls;
    }

    synchronized void hold(boolean on) {
        held = on;
    }

    synchronized void outstandingLimit(int limit, String errorType) {
        if (!errorType.equals("ThrottlingException") && !errorType.equals("ConflictException")) {
            throw new IllegalArgumentException("ThrottlingException or ConflictException");
        }
        outstandingLimit = limit;
        outstandingLimitError = errorType;
    }

    /** Completes every request in progress. */
    synchronized void tick() {
        for (Operation op : List.copyOf(inProgress.values())) {
            complete(op);
        }
        provisionings.values().stream().filter(p -> p.status.equals("IN_PROGRESS")).forEach(this::complete);
    }

    // ---- seeding

    synchronized String seedPermissionSet(String name, String sessionDuration) {
        if (permissionSets.values().stream().anyMatch(p -> p.name.equals(name))) {
            throw new IllegalStateException("permission set name taken: " + name);
        }
        String arn = "arn:aws:sso:::permissionSet/" + instanceId + "/ps-" + HexFormat.of().formatHex(randomBytes(8));
        permissionSets.put(arn, new PermissionSet(arn, name, sessionDuration));
        return arn;
    }

    synchronized void seedPrincipal(String principalType, String principalId) {
        seededPrincipals.add(principalType + "/" + principalId);
    }

    synchronized void seedAccount(String accountId) {
        seededAccounts.add(accountId);
    }

    /** An assignment made "in the console": present at once, provisioning its permission set there. */
    synchronized void seedAssignment(SsoAssignment assignment) {
        if (!permissionSets.containsKey(assignment.permissionSetArn())) {
            throw new IllegalArgumentException("no permission set " + assignment.permissionSetArn());
        }
        assignments.add(assignment);
        provision(assignment.permissionSetArn(), assignment.accountId(), false);
    }

    synchronized void reset() {
        permissionSets.clear();
        assignments.clear();
        provisioned.clear();
        operations.clear();
        inProgress.clear();
        provisionings.clear();
        acceptedCreates.clear();
        seededPrincipals.clear();
        seededAccounts.clear();
        pollsToComplete = 1;
        held = false;
        outstandingLimit = 10;
        outstandingLimitError = "ThrottlingException";
        maxOutstanding = 0;
    }

    // ---- inspection

    synchronized List<SsoAssignment> assignments() {
        return List.copyOf(assignments);
    }

    synchronized List<SsoAssignment> assignments(String permissionSetArn, String accountId) {
        return assignments.stream()
                .filter(a -> a.permissionSetArn().equals(permissionSetArn) && a.accountId().equals(accountId))
                .toList();
    }

    synchronized int outstanding() {
        return inProgress.size();
    }

    synchronized int maxOutstanding() {
        return maxOutstanding;
    }

    synchronized Map<SsoAssignment, Integer> acceptedCreates() {
        return Map.copyOf(acceptedCreates);
    }

    synchronized List<Operation> operations() {
        return List.copyOf(operations.values());
    }

    synchronized Optional<PermissionSet> permissionSet(String arn) {
        return Optional.ofNullable(permissionSets.get(arn));
    }

    synchronized List<PermissionSet> permissionSets() {
        return List.copyOf(permissionSets.values());
    }

    /** Accounts where the permission set is provisioned, with the session duration provisioned there. */
    synchronized Map<String, String> provisionedAccounts(String permissionSetArn) {
        Map<String, String> durations = new LinkedHashMap<>();
        provisioned.getOrDefault(permissionSetArn, Map.of()).forEach((account, p) -> durations.put(account, p.sessionDuration()));
        return durations;
    }

    /** Accounts where the permission set is provisioned, with the inline policy provisioned there ("" for none). */
    synchronized Map<String, String> provisionedInlinePolicies(String permissionSetArn) {
        Map<String, String> policies = new LinkedHashMap<>();
        provisioned.getOrDefault(permissionSetArn, Map.of()).forEach((account, p) ->
                policies.put(account, p.inlinePolicy() == null ? "" : p.inlinePolicy()));
        return policies;
    }

    /**
     * ListAccountsForProvisionedPermissionSet's ProvisioningStatus filter: the accounts whose copy
     * is (or is not) the set as it is now; null: every account where it is provisioned.
     */
    synchronized List<String> provisionedAccounts(String permissionSetArn, String provisioningStatus) {
        PermissionSet ps = permissionSets.get(permissionSetArn);
        List<String> accounts = new ArrayList<>();
        provisioned.getOrDefault(permissionSetArn, Map.of()).forEach((account, p) -> {
            boolean latest = ps != null && p.equals(snapshot(ps));
            if (provisioningStatus == null || latest == provisioningStatus.equals("LATEST_PERMISSION_SET_PROVISIONED")) {
                accounts.add(account);
            }
        });
        return accounts;
    }

    // ---- assignment requests

    synchronized Operation request(Kind kind, SsoAssignment assignment) {
        if (inProgress.containsKey(assignment)) {
            throw new Refused("ConflictException", "An account assignment operation is already in progress for this "
                    + "principal, permission set and account. Retry the request after it completes.");
        }
        if (inProgress.size() >= outstandingLimit) {
            throw new Refused(outstandingLimitError, TOO_MANY);
        }
        Operation op = new Operation(kind, assignment);
        operations.put(op.requestId, op);
        inProgress.put(assignment, op);
        maxOutstanding = Math.max(maxOutstanding, inProgress.size());
        if (kind == Kind.CREATE) {
            acceptedCreates.merge(assignment, 1, Integer::sum);
        }
        return op;
    }

    /** A status poll: counts toward completion. Empty if no such request of that kind. */
    synchronized Optional<Operation> poll(Kind kind, String requestId) {
        Operation op = operations.get(requestId);
        if (op == null || op.kind != kind) {
            return Optional.empty();
        }
        if (op.status.equals("IN_PROGRESS")) {
            op.polls++;
            if (!held && op.polls >= pollsToComplete) {
                complete(op);
            }
        }
        return Optional.of(op);
    }

    private void complete(Operation op) {
        inProgress.remove(op.assignment);
        SsoAssignment a = op.assignment;
        String failure = op.kind == Kind.CREATE ? creationFailure(a) : null;
        if (failure != null) {
            op.status = "FAILED";
            op.failureReason = failure;
            return;
        }
        if (op.kind == Kind.CREATE) {
            assignments.add(a);
            provision(a.permissionSetArn(), a.accountId(), false);
        } else {
            assignments.remove(a);
        }
        op.status = "SUCCEEDED";
    }

    private String creationFailure(SsoAssignment a) {
        if (!permissionSets.containsKey(a.permissionSetArn())) {
            return "Permission set " + a.permissionSetArn() + " does not exist in instance " + instanceArn;
        }
        Optional<String> state = accountState(a.accountId());
        if (state.isEmpty()) {
            return "Account " + a.accountId() + " is not a member of the organization";
        }
        if (!state.get().equals("ACTIVE")) {
            return "Account " + a.accountId() + " is " + state.get() + "; assignments need an ACTIVE account";
        }
        if (!principalExists(a.principalType(), a.principalId())) {
            return "Principal " + a.principalId() + " of type " + a.principalType()
                    + " does not exist in identity store " + identityStoreId;
        }
        return null;
    }

    private Optional<String> accountState(String accountId) {
        if (seededAccounts.contains(accountId)) {
            return Optional.of("ACTIVE");
        }
        if (organization == null) {
            return Optional.empty();
        }
        return organization.account(accountId).map(acc -> acc.state().name());
    }

    private boolean principalExists(String type, String id) {
        if (seededPrincipals.contains(type + "/" + id)) {
            return true;
        }
        if (identities == null) {
            return false;
        }
        return type.equals("GROUP") ? identities.group(id).isPresent() : identities.user(id).isPresent();
    }

    // ---- permission sets

    synchronized void update(String permissionSetArn, String description, String sessionDuration, String relayState) {
        PermissionSet ps = requirePermissionSet(permissionSetArn);
        if (sessionDuration != null) {
            checkSessionDuration(sessionDuration);
            ps.sessionDuration = sessionDuration;
        }
        if (description != null) {
            ps.description = description;
        }
        if (relayState != null) {
            ps.relayState = relayState;
        }
    }

    synchronized Provisioning provisionRequest(String permissionSetArn, String targetId) {
        requirePermissionSet(permissionSetArn);
        boolean busy = provisionings.values().stream()
                .anyMatch(p -> p.status.equals("IN_PROGRESS") && p.permissionSetArn.equals(permissionSetArn));
        if (busy) {
            throw new Refused("ConflictException", "The permission set is being provisioned; retry after it completes.");
        }
        Provisioning p = new Provisioning(permissionSetArn, targetId);
        provisionings.put(p.requestId, p);
        return p;
    }

    synchronized Optional<Provisioning> pollProvisioning(String requestId) {
        Provisioning p = provisionings.get(requestId);
        if (p != null && p.status.equals("IN_PROGRESS")) {
            p.polls++;
            if (!held && p.polls >= pollsToComplete) {
                complete(p);
            }
        }
        return Optional.ofNullable(p);
    }

    private void complete(Provisioning p) {
        if (p.targetId != null) {
            Optional<String> state = accountState(p.targetId);
            if (state.isEmpty() || !state.get().equals("ACTIVE")) {
                p.status = "FAILED";
                p.failureReason = "Account " + p.targetId + " is not an ACTIVE member of the organization";
                return;
            }
            provision(p.permissionSetArn, p.targetId, true);
        } else {
            for (String account : List.copyOf(provisioned.getOrDefault(p.permissionSetArn, Map.<String, Provisioned>of()).keySet())) {
                provision(p.permissionSetArn, account, true);
            }
        }
        p.status = "SUCCEEDED";
    }

    /** Provisions on first assignment; {@code refresh} re-provisions where it already is. */
    private void provision(String permissionSetArn, String accountId, boolean refresh) {
        Map<String, Provisioned> accounts = provisioned.computeIfAbsent(permissionSetArn, k -> new LinkedHashMap<>());
        if (refresh || !accounts.containsKey(accountId)) {
            accounts.put(accountId, snapshot(permissionSets.get(permissionSetArn)));
        }
    }

    private static Provisioned snapshot(PermissionSet ps) {
        return new Provisioned(ps.sessionDuration, ps.inlinePolicy);
    }

    // ---- inline policies

    /**
     * PutInlinePolicyToPermissionSet: the API reference allows 1 to 32,768 characters of
     * tab, line feed, carriage return and U+0020 to U+00FF, the quotas page at most 10,240 of them
     * besides whitespace; the document must be a JSON policy (IAM's
     * MalformedPolicyDocument surfaces as a ValidationException). Reaches the accounts only at the
     * next ProvisionPermissionSet.
     */
    synchronized void putInlinePolicy(String permissionSetArn, String policy) {
        PermissionSet ps = requirePermissionSet(permissionSetArn);
        if (policy.isEmpty() || policy.length() > INLINE_POLICY_MAX) {
            throw new Refused("ValidationException", "InlinePolicy must be 1 to " + INLINE_POLICY_MAX
                    + " characters long, got " + policy.length());
        }
        long nonWhitespace = policy.chars().filter(c -> c != ' ' && c != 0x09 && c != 0x0A && c != 0x0D).count();
        if (nonWhitespace > INLINE_POLICY_MAX_NON_WHITESPACE) {
            throw new Refused("ValidationException", "InlinePolicy may hold at most " + INLINE_POLICY_MAX_NON_WHITESPACE
                    + " characters besides whitespace, got " + nonWhitespace);
        }
        if (!policy.chars().allMatch(c -> c == 0x09 || c == 0x0A || c == 0x0D || c >= 0x20 && c <= 0xFF)) {
            throw new Refused("ValidationException", "InlinePolicy may hold only tab, LF, CR and U+0020 to U+00FF");
        }
        try {
            com.fasterxml.jackson.databind.JsonNode document = Json.MAPPER.readTree(policy);
            if (!document.isObject() || !document.has("Statement")) {
                throw new Refused("ValidationException", "The inline policy is not a policy document (no Statement)");
            }
        } catch (java.io.IOException e) {
            throw new Refused("ValidationException", "The inline policy is not valid JSON: " + e.getMessage());
        }
        ps.inlinePolicy = policy;
    }

    /** GetInlinePolicyForPermissionSet: an empty string when the set has none. */
    synchronized String inlinePolicy(String permissionSetArn) {
        String policy = requirePermissionSet(permissionSetArn).inlinePolicy;
        return policy == null ? "" : policy;
    }

    /** DeleteInlinePolicyFromPermissionSet: idempotent (a set without one answers success too). */
    synchronized void deleteInlinePolicy(String permissionSetArn) {
        requirePermissionSet(permissionSetArn).inlinePolicy = null;
    }

    PermissionSet requirePermissionSet(String arn) {
        PermissionSet ps;
        synchronized (this) {
            ps = permissionSets.get(arn);
        }
        if (ps == null) {
            throw new Refused("ResourceNotFoundException", "Could not find PermissionSet with ARN " + arn);
        }
        return ps;
    }

    /** The user guide: a session duration from 1 to 12 hours, as ISO-8601. */
    static void checkSessionDuration(String value) {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new Refused("ValidationException", "SessionDuration must be an ISO-8601 duration: " + value);
        }
        if (duration.compareTo(Duration.ofHours(1)) < 0 || duration.compareTo(Duration.ofHours(12)) > 0) {
            throw new Refused("ValidationException", "SessionDuration must be between PT1H and PT12H: " + value);
        }
    }

    synchronized List<String> provisionedPermissionSets(String accountId) {
        List<String> arns = new ArrayList<>();
        provisioned.forEach((arn, accounts) -> {
            if (accounts.containsKey(accountId)) {
                arns.add(arn);
            }
        });
        return arns;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
