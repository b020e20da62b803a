package io.scimbridge.revocation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.client.DryRunLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dry-run: an organisation in memory (a root with SCPs enabled, FullAWSAccess attached) that the
 * revocation pipeline runs against unchanged; every change it would send is recorded in the
 * dry-run log ({@code GET /admin/dry-run}) as {@code POST AWSOrganizationsV20161128.<Operation>} (the AWS JSON
 * target) with its input.
 */
final class RecordingScpGateway implements ScpGateway {

    private static final String ROOT = "r-dryrun";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final DryRunLog log;
    private final Map<String, PolicyRef> policies = new LinkedHashMap<>();
    private final Map<String, String> contents = new LinkedHashMap<>();
    private final Map<String, Set<String>> attached = new LinkedHashMap<>();
    private int sequence;

    RecordingScpGateway(DryRunLog log) {
        this.log = log;
        policies.put("p-FullAWSAccess", new PolicyRef("p-FullAWSAccess", "FullAWSAccess"));
    }

    @Override
    public synchronized Root root() {
        return new Root(ROOT, true);
    }

    @Override
    public String managementAccount() {
        return "000000000000";
    }

    @Override
    public synchronized List<PolicyRef> policies() {
        return List.copyOf(policies.values());
    }

    @Override
    public synchronized String content(String policyId) {
        return contents.getOrDefault(policyId, "{}");
    }

    @Override
    public synchronized List<PolicyRef> attachedTo(String targetId) {
        return attachments(targetId).stream().map(policies::get).toList();
    }

    @Override
    public synchronized List<String> targetsOf(String policyId) {
        return attached.entrySet().stream().filter(e -> e.getValue().contains(policyId)).map(Map.Entry::getKey).toList();
    }

    /** The dry-run organisation is its root alone: no level below it to spread to. */
    @Override
    public List<String> children(String parentId) {
        return List.of();
    }

    @Override
    public synchronized String create(String name, String description, String content) {
        String id = "p-dryrun" + String.format("%04d", ++sequence);
        policies.put(id, new PolicyRef(id, name));
        contents.put(id, content);
        record("CreatePolicy", JSON.objectNode().put("Name", name).put("Description", description)
                .put("Type", "SERVICE_CONTROL_POLICY").put("Content", content));
        return id;
    }

    @Override
    public synchronized void update(String policyId, String content) {
        contents.put(policyId, content);
        record("UpdatePolicy", JSON.objectNode().put("PolicyId", policyId).put("Content", content));
    }

    @Override
    public synchronized void attach(String policyId, String targetId) {
        attachments(targetId).add(policyId);
        record("AttachPolicy", JSON.objectNode().put("PolicyId", policyId).put("TargetId", targetId));
    }

    @Override
    public synchronized void detach(String policyId, String targetId) {
        attachments(targetId).remove(policyId);
        record("DetachPolicy", JSON.objectNode().put("PolicyId", policyId).put("TargetId", targetId));
    }

    @Override
    public synchronized void delete(String policyId) {
        policies.remove(policyId);
        contents.remove(policyId);
        record("DeletePolicy", JSON.objectNode().put("PolicyId", policyId));
    }

    private Set<String> attachments(String targetId) {
        return attached.computeIfAbsent(targetId, t -> new LinkedHashSet<>(new ArrayList<>(List.of("p-FullAWSAccess"))));
    }

    private void record(String operation, ObjectNode input) {
        log.record("POST", "AWSOrganizationsV20161128." + operation, input);
    }
}
