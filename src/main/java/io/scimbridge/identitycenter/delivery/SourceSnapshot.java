package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.rules.RulesDecision;
import java.util.List;

/**
 * The source state of one resource read for delivery, in one short transaction: the document
 * (null when the resource was deleted), for groups the bridge ids of the members, and the rules'
 * decision on it ({@code shape}; null when deleted).
 */
record SourceSnapshot(ObjectNode document, List<String> memberIds, RulesDecision decision) {

    boolean deleted() {
        return document == null;
    }
}
