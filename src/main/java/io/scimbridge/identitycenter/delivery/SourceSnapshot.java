package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The source state of one resource read for delivery, in one short transaction: the document
 * (null when the resource was deleted) and, for groups, the bridge ids of the members.
 */
record SourceSnapshot(ObjectNode document, List<String> memberIds) {

    boolean deleted() {
        return document == null;
    }
}
