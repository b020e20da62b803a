package io.scimbridge.identitycenter.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dry-run: the same delivery pipeline, but each call is recorded (admin API, log) instead of
 * sent, and answered as Identity Center would answer a success. Nothing exists there, so
 * look-ups find nothing and created resources get made-up ids.
 */
public final class DryRunIdentityCenterClient implements IdentityCenterClient {

    /** Where the would-be calls go. */
    public interface Recorder {
        void record(String method, String path, ObjectNode body);
    }

    private final Recorder recorder;

    public DryRunIdentityCenterClient(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public String createUser(ObjectNode user) {
        recorder.record("POST", "/Users", user);
        return "dry-run-" + UUID.randomUUID();
    }

    @Override
    public void replaceUser(String icId, ObjectNode user) {
        recorder.record("PUT", "/Users/" + icId, user);
    }

    @Override
    public void deleteUser(String icId) {
        recorder.record("DELETE", "/Users/" + icId, null);
    }

    @Override
    public Optional<String> findUserId(String userName) {
        return Optional.empty();
    }

    @Override
    public String createGroup(ObjectNode group) {
        recorder.record("POST", "/Groups", group);
        return "dry-run-" + UUID.randomUUID();
    }

    @Override
    public void patchGroup(String icId, List<ObjectNode> operations) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("Operations").addAll(operations);
        recorder.record("PATCH", "/Groups/" + icId, body);
    }

    @Override
    public void deleteGroup(String icId) {
        recorder.record("DELETE", "/Groups/" + icId, null);
    }

    /** Dry-run PATCHes never answer 404: a group asked about is one the dry-run made up. */
    @Override
    public boolean groupExists(String icId) {
        return true;
    }

    @Override
    public Optional<String> findGroupId(String displayName) {
        return Optional.empty();
    }

    @Override
    public boolean dryRun() {
        return true;
    }
}
