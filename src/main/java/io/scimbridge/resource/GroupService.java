package io.scimbridge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.api.ScimConfig;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.patch.PatchOperation;
import io.scimbridge.scim.schema.ScimSchemas;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups and their memberships. Members are users of the same source only: Identity Center has
 * no nested groups, so a group as member is refused here, visibly, rather than later.
 */
@Singleton
class GroupService extends ResourceService {

    public GroupService(ResourceStore store, ScimConfig config) {
        super(store, config, ResourceType.GROUP);
    }

    @Override
    public ResourceEntity create(String source, JsonNode body) {
        ObjectNode doc = newDocument(body);
        List<String> memberIds = MemberOperations.ids(doc.remove("members"));
        requireUniqueName(source, doc.get("displayName").asText(), null);
        Map<String, Long> members = resolveMembers(source, memberIds);
        ResourceEntity e = store.insert(ResourceType.GROUP, source, doc);
        store.addMembers(e.pk, members.values());
        return e;
    }

    @Override
    public ResourceEntity replace(String source, String id, JsonNode body, String ifMatch) {
        ResourceEntity e = getForWrite(source, id, ifMatch);
        ObjectNode doc = replacementDocument(body, id);
        List<String> memberIds = MemberOperations.ids(doc.remove("members"));
        requireUniqueName(source, doc.get("displayName").asText(), e.pk);
        replaceMembers(e, source, memberIds);
        store.update(e, doc);
        return e;
    }

    @Override
    public ResourceEntity patch(String source, String id, JsonNode body, String ifMatch) {
        ResourceEntity e = getForWrite(source, id, ifMatch);
        List<PatchOperation> ops = parsePatch(body);
        MemberOperations.Split split = MemberOperations.split(ops);
        requireMemberLimit(split.memberChanges());
        for (MemberChange change : split.memberChanges()) {
            apply(e, source, change);
        }
        if (split.attributeOps().isEmpty()) {
            if (!split.memberChanges().isEmpty()) {
                store.touch(e);
            }
            return e;
        }
        ObjectNode patched = patchEngine.apply(patchable(e), split.attributeOps(), ScimSchemas.GROUP_RESOURCE);
        ObjectNode doc = normalizer.normalize(patched);
        doc.remove("members");
        requireUniqueName(source, doc.get("displayName").asText(), e.pk);
        store.update(e, doc);
        return e;
    }

    private void apply(ResourceEntity group, String source, MemberChange change) {
        switch (change) {
            case MemberChange.Add add -> store.addMembers(group.pk, resolveMembers(source, add.ids()).values());
            case MemberChange.Remove remove -> {
                // Removing a member that is not there (or does not exist) is already done.
                var refs = store.resolve(source, remove.ids());
                store.removeMembers(group, refs.values().stream().map(ResourceStore.MemberRef::pk).toList());
            }
            case MemberChange.RemoveAll all -> store.removeAllMembers(group);
            case MemberChange.ReplaceAll replace -> replaceMembers(group, source, replace.ids());
        }
    }

    /** Replaces the member set by a diff, so that unchanged memberships stay untouched. */
    private void replaceMembers(ResourceEntity group, String source, List<String> ids) {
        Map<String, Long> wanted = resolveMembers(source, ids);
        Set<Long> wantedPks = new HashSet<>(wanted.values());
        List<Long> current = store.memberPks(group.pk);
        List<Long> toRemove = current.stream().filter(pk -> !wantedPks.contains(pk)).toList();
        store.removeMembers(group, toRemove);
        store.addMembers(group.pk, wantedPks);
    }

    /** Resolves member ids to users of this source; anything else refuses the whole request. */
    private Map<String, Long> resolveMembers(String source, List<String> ids) {
        if (ids.size() > config.maxMembersPerRequest()) {
            throw ScimException.invalidValue("At most " + config.maxMembersPerRequest() + " members per request");
        }
        var refs = store.resolve(source, ids);
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            ResourceStore.MemberRef ref = refs.get(id);
            if (ref == null) {
                unknown.add(id);
            } else if (!ref.type().equals(ResourceType.USER.wireName())) {
                throw ScimException.invalidValue("Member " + id + " is a group: nested groups are not supported"
                        + " (Identity Center accepts only users as members)");
            } else {
                out.put(id, ref.pk());
            }
        }
        if (!unknown.isEmpty()) {
            throw ScimException.invalidValue("Unknown member id(s): "
                    + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : ""));
        }
        return out;
    }

    private void requireMemberLimit(List<MemberChange> changes) {
        int total = 0;
        for (MemberChange c : changes) {
            total += switch (c) {
                case MemberChange.Add a -> a.ids().size();
                case MemberChange.Remove r -> r.ids().size();
                case MemberChange.ReplaceAll r -> r.ids().size();
                case MemberChange.RemoveAll r -> 0;
            };
        }
        if (total > config.maxMembersPerRequest()) {
            throw ScimException.invalidValue("At most " + config.maxMembersPerRequest() + " member changes per request");
        }
    }
}
