package io.scimbridge.resource;

import java.util.List;

/**
 * A change to a group's memberships, split out of a PATCH so that it runs as set operations on
 * the membership table instead of on a loaded member list.
 */
sealed interface MemberChange {

    record Add(List<String> ids) implements MemberChange {}

    record Remove(List<String> ids) implements MemberChange {}

    record RemoveAll() implements MemberChange {}

    /** Okta's full {@code replace} of members: becomes a diff against what is stored. */
    record ReplaceAll(List<String> ids) implements MemberChange {}
}
