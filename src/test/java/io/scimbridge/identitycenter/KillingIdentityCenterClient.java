package io.scimbridge.identitycenter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import java.util.List;
import java.util.Optional;

/**
 * The bridge's Identity Center client, with a kill placed at one exact moment: the chosen call
 * reaches Identity Center and is answered, then the bridge "dies" before it can record the answer.
 * The death is an {@link Error}, so no catch block in delivery runs, as after a kill -9. One kill
 * per arming; afterwards calls pass through, as in the restarted process.
 */
final class KillingIdentityCenterClient implements IdentityCenterClient {

    /** The call after whose answer the process dies. */
    enum Moment { CREATE_USER, REPLACE_USER, CREATE_GROUP, ADD_MEMBERS, REMOVE_MEMBERS }

    /** The process dying right after Identity Center answered. */
    static final class Killed extends Error {
        Killed(Moment moment) {
            super("killed after " + moment + " was answered", null, false, false);
        }
    }

    private final IdentityCenterClient identityCenter;
    private volatile Moment armed;

    KillingIdentityCenterClient(IdentityCenterClient identityCenter) {
        this.identityCenter = identityCenter;
    }

    void killAfter(Moment moment) {
        armed = moment;
    }

    boolean fired() {
        return armed == null;
    }

    private <T> T answered(Moment moment, T answer) {
        if (armed == moment) {
            armed = null;
            throw new Killed(moment);
        }
        return answer;
    }

    @Override
    public String createUser(ObjectNode user) {
        return answered(Moment.CREATE_USER, identityCenter.createUser(user));
    }

    @Override
    public void replaceUser(String icId, ObjectNode user) {
        identityCenter.replaceUser(icId, user);
        answered(Moment.REPLACE_USER, null);
    }

    @Override
    public void deleteUser(String icId) {
        identityCenter.deleteUser(icId);
    }

    @Override
    public Optional<String> findUserId(String userName) {
        return identityCenter.findUserId(userName);
    }

    @Override
    public String createGroup(ObjectNode group) {
        return answered(Moment.CREATE_GROUP, identityCenter.createGroup(group));
    }

    @Override
    public void patchGroup(String icId, List<ObjectNode> operations) {
        identityCenter.patchGroup(icId, operations);
        for (ObjectNode op : operations) {
            if ("members".equals(op.path("path").asText())) {
                answered("add".equals(op.path("op").asText()) ? Moment.ADD_MEMBERS : Moment.REMOVE_MEMBERS, null);
            }
        }
    }

    @Override
    public void deleteGroup(String icId) {
        identityCenter.deleteGroup(icId);
    }

    @Override
    public boolean groupExists(String icId) {
        return identityCenter.groupExists(icId);
    }

    @Override
    public Optional<String> findGroupId(String displayName) {
        return identityCenter.findGroupId(displayName);
    }

    @Override
    public boolean dryRun() {
        return false;
    }
}
