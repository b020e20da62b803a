package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service control policies of the emulated organisation, with the limits AWS documents
 * (Organizations user guide, "Quotas and service limits" and "Managing policies"): a policy
 * document of at most 5,120 characters (counted as submitted: the SDK saves it without minimising),
 * at most 5 SCPs attached to the root, an OU or an account, at least one (detaching the last one is
 * refused), and a number of SCPs per organisation (10,000 today; a knob here). The AWS managed
 * {@code FullAWSAccess} (p-FullAWSAccess) is attached to every root, OU and account while SCPs are
 * enabled, and cannot be changed or deleted.
 *
 * <p>Errors carry the types and {@code Reason}s of the Organizations API reference
 * (ConstraintViolationException with MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED,
 * MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED, POLICY_NUMBER_LIMIT_EXCEEDED,
 * POLICY_CONTENT_LIMIT_EXCEEDED; DuplicatePolicyException, DuplicatePolicyAttachmentException,
 * PolicyNotAttachedException, PolicyInUseException, PolicyNotFoundException,
 * PolicyTypeNotEnabledException, MalformedPolicyDocumentException, TargetNotFoundException).
 * Thread-safe: every method locks this object.
 */
public final class OrganizationPolicies {

    public static final String SCP = "SERVICE_CONTROL_POLICY";
    public static final String FULL_AWS_ACCESS = "p-FullAWSAccess";
    public static final int MAX_CONTENT = 5120;
    public static final int MAX_ATTACHED = 5;

    /** One policy. */
    public record Policy(String id, String name, String description, String type, String content, boolean awsManaged) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final OrganizationTree tree;
    private final Map<String, Policy> policies = new LinkedHashMap<>();
    /** Policies attached directly to a target; a target without an entry holds FullAWSAccess alone. */
    private final Map<String, Set<String>> attached = new LinkedHashMap<>();
    private boolean scpEnabled;
    private int maxPolicies;

    OrganizationPolicies(OrganizationTree tree) {
        this.tree = tree;
        reset();
    }

    /** SCPs enabled on the root (the default) or not; disabling detaches every SCP as AWS does. */
    public synchronized void enableServiceControlPolicies(boolean on) {
        scpEnabled = on;
        attached.clear();
    }

    public synchronized boolean serviceControlPoliciesEnabled() {
        return scpEnabled;
    }

    /** How many SCPs (AWS managed included) the organisation may hold. */
    public synchronized void maxPolicies(int n) {
        maxPolicies = n;
    }

    /** An operator's SCP, created and attached to {@code targets} as if in the console. */
    public synchronized Policy seedPolicy(String name, String content, String... targets) {
        Policy policy = create(name, "created by hand", SCP, content);
        for (String target : targets) {
            attach(policy.id(), target);
        }
        return policy;
    }

    public synchronized List<Policy> policies() {
        return List.copyOf(policies.values());
    }

    public synchronized Optional<Policy> byName(String name) {
        return policies.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The SCPs attached directly to a root, OU or account. */
    public synchronized List<Policy> attachedTo(String targetId) {
        return attachments(targetId).stream().map(policies::get).toList();
    }

    synchronized void reset() {
        policies.clear();
        attached.clear();
        scpEnabled = true;
        maxPolicies = 10_000;
        policies.put(FULL_AWS_ACCESS, new Policy(FULL_AWS_ACCESS, "FullAWSAccess",
                "Allows access to every operation", SCP,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                true));
    }

    // ---- operations

    synchronized Policy create(String name, String description, String type, String content) {
        requireType(type);
        checkName(name);
        if (policies.values().stream().anyMatch(p -> p.name().equals(name))) {
            throw AwsError.of("DuplicatePolicyException", 400, "A policy with the same name already exists.");
        }
        checkContent(content);
        if (policies.size() >= maxPolicies) {
            throw constraint("POLICY_NUMBER_LIMIT_EXCEEDED",
                    "You have exceeded the number of policies that you can have in an organization.");
        }
        Policy policy = new Policy("p-" + random(8), name, description == null ? "" : description, type, content, false);
        policies.put(policy.id(), policy);
        return policy;
    }

    synchronized Policy update(String id, String name, String description, String content) {
        Policy policy = require(id);
        if (policy.awsManaged()) {
            throw AwsError.of("AccessDeniedException", 400, "You can't modify an AWS managed policy.");
        }
        if (name != null) {
            checkName(name);
            if (policies.values().stream().anyMatch(p -> p.name().equals(name) && !p.id().equals(id))) {
                throw AwsError.of("DuplicatePolicyException", 400, "A policy with the same name already exists.");
            }
        }
        if (content != null) {
            checkContent(content);
        }
        Policy updated = new Policy(id, name != null ? name : policy.name(),
                description != null ? description : policy.description(), policy.type(),
                content != null ? content : policy.content(), false);
        policies.put(id, updated);
        return updated;
    }

    synchronized Policy describe(String id) {
        return require(id);
    }

    synchronized void delete(String id) {
        Policy policy = require(id);
        if (policy.awsManaged()) {
            throw AwsError.of("AccessDeniedException", 400, "You can't delete an AWS managed policy.");
        }
        if (!targetsOf(id).isEmpty()) {
            throw AwsError.of("PolicyInUseException", 400,
                    "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.");
        }
        policies.remove(id);
    }

    synchronized void attach(String policyId, String targetId) {
        require(policyId);
        requireTarget(targetId);
        requireEnabled();
        Set<String> current = attachments(targetId);
        if (current.contains(policyId)) {
            throw AwsError.of("DuplicatePolicyAttachmentException", 400,
                    "The selected policy is already attached to the specified target.");
        }
        if (current.size() >= MAX_ATTACHED) {
            throw constraint("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
                    "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.");
        }
        current.add(policyId);
    }

    synchronized void detach(String policyId, String targetId) {
        require(policyId);
        requireTarget(targetId);
        requireEnabled();
        Set<String> current = attachments(targetId);
        if (!current.contains(policyId)) {
            throw AwsError.of("PolicyNotAttachedException", 400, "The policy isn't attached to the specified target.");
        }
        if (current.size() == 1) {
            throw constraint("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
                    "You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.");
        }
        current.remove(policyId);
    }

    synchronized List<Policy> list(String type) {
        requireType(type);
        return List.copyOf(policies.values());
    }

    synchronized List<Policy> forTarget(String targetId, String type) {
        requireType(type);
        requireTarget(targetId);
        if (!scpEnabled) {
            return List.of();
        }
        return attachments(targetId).stream().map(policies::get).toList();
    }

    /** Roots, OUs and accounts the policy is attached to directly. */
    synchronized List<String> targetsOf(String policyId) {
        require(policyId);
        if (!scpEnabled) {
            return List.of();
        }
        List<String> targets = new ArrayList<>();
        for (String target : allTargets()) {
            if (attachments(target).contains(policyId)) {
                targets.add(target);
            }
        }
        return targets;
    }

    // ---- helpers

    private List<String> allTargets() {
        List<String> targets = new ArrayList<>();
        targets.add(tree.rootId());
        collect(tree.rootId(), targets);
        return targets;
    }

    private void collect(String parent, List<String> out) {
        tree.accountsUnder(parent).forEach(a -> out.add(a.id()));
        for (OrganizationTree.OrganizationalUnit unit : tree.unitsUnder(parent)) {
            out.add(unit.id());
            collect(unit.id(), out);
        }
    }

    private Set<String> attachments(String targetId) {
        return attached.computeIfAbsent(targetId, t -> new LinkedHashSet<>(Set.of(FULL_AWS_ACCESS)));
    }

    private Policy require(String id) {
        if (id == null || !id.matches("p-[0-9a-zA-Z_]{8,128}")) {
            throw invalidInput("PolicyId must match p-[0-9a-zA-Z_]{8,128}");
        }
        Policy policy = policies.get(id);
        if (policy == null) {
            throw AwsError.of("PolicyNotFoundException", 400, "We can't find a policy with the PolicyId that you specified.");
        }
        return policy;
    }

    private void requireTarget(String targetId) {
        boolean exists = targetId != null && (tree.isParent(targetId) || tree.account(targetId).isPresent());
        if (!exists) {
            throw AwsError.of("TargetNotFoundException", 400,
                    "We can't find a root, OU, account, or policy with the TargetId that you specified.");
        }
    }

    private void requireEnabled() {
        if (!scpEnabled) {
            throw AwsError.of("PolicyTypeNotEnabledException", 400,
                    "This operation can be performed only for enabled policy types.");
        }
    }

    private static void requireType(String type) {
        if (!SCP.equals(type)) {
            throw invalidInput("only SERVICE_CONTROL_POLICY is emulated, got " + type);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 128) {
            throw invalidInput("Name must be 1 to 128 characters");
        }
    }

    private static void checkContent(String content) {
        if (content == null || content.isEmpty()) {
            throw invalidInput("Content is required");
        }
        if (content.length() > MAX_CONTENT) {
            throw constraint("POLICY_CONTENT_LIMIT_EXCEEDED",
                    "You attempted to create a policy larger than the maximum size (" + content.length() + " > " + MAX_CONTENT + ").");
        }
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(content);
        } catch (IOException e) {
            throw AwsError.of("MalformedPolicyDocumentException", 400, "The provided policy document isn't valid JSON.");
        }
        if (document == null || !document.isObject() || !document.has("Statement")) {
            throw AwsError.of("MalformedPolicyDocumentException", 400,
                    "The provided policy document doesn't meet the requirements of the specified policy type.");
        }
    }

    private static AwsError constraint(String reason, String message) {
        AwsError error = AwsError.of("ConstraintViolationException", 400, message);
        error.field("Reason", reason);
        return error;
    }

    private static AwsError invalidInput(String message) {
        return AwsError.of("InvalidInputException", 400, message);
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
