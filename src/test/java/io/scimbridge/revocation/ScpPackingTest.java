package io.scimbridge.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScpPackingTest {

    @Test
    void theComputedSizeIsTheRenderedSize() {
        for (int n : new int[] {0, 1, 2, 97}) {
            List<String> ids = ids(n);
            assertEquals(DenyPolicy.render(ids).length(), DenyPolicy.size(n, ids.stream().mapToInt(String::length).sum()));
        }
    }

    @Test
    void idsStayWhereTheyAreAndNewOnesFillTheRoomFirst() {
        List<String> ids = ids(5);
        Map<String, List<String>> existing = new LinkedHashMap<>();
        existing.put("scim-bridge-session-revocation-2", List.of(ids.get(0), ids.get(1)));
        ScpPacking packing = ScpPacking.pack(existing, List.of(ids.get(1), ids.get(2), ids.get(3)), 0, 5120);
        assertEquals(Map.of("scim-bridge-session-revocation-2", List.of(ids.get(1), ids.get(2), ids.get(3))), packing.policies());
        assertTrue(packing.overflow().isEmpty());
    }

    @Test
    void newPoliciesTakeTheLowestFreeNumbersAndWhatDoesNotFitOverflows() {
        List<String> ids = ids(300);
        Map<String, List<String>> existing = Map.of("scim-bridge-session-revocation-2", List.of());
        ScpPacking packing = ScpPacking.pack(existing, ids, 2, 5120);
        assertEquals(List.of("scim-bridge-session-revocation-2", "scim-bridge-session-revocation-1",
                "scim-bridge-session-revocation-3"), List.copyOf(packing.policies().keySet()));
        packing.policies().values().forEach(p -> assertTrue(DenyPolicy.render(p).length() <= 5120));
        int placed = packing.policies().values().stream().mapToInt(List::size).sum();
        assertEquals(300, placed + packing.overflow().size());
        assertFalse(packing.overflow().isEmpty());
    }

    @Test
    void onlyNumberedNamesAreTheBridges() {
        assertTrue(ScpPacking.bridgeOwned("scim-bridge-session-revocation-1"));
        assertFalse(ScpPacking.bridgeOwned("scim-bridge-session-revocation-notes"));
        assertFalse(ScpPacking.bridgeOwned("scim-bridge-session-revocation-01"));
        assertFalse(ScpPacking.bridgeOwned("FullAWSAccess"));
    }

    @Test
    void mergingKeepsTheOperatorsStatements() {
        String operator = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}";
        String merged = DenyPolicy.merge(operator, List.of("a", "b"));
        assertTrue(merged.contains("s3:Get*"));
        assertEquals(java.util.Set.of("a", "b"), DenyPolicy.ids(merged));
        assertEquals(operator, DenyPolicy.merge(merged, List.of()));
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "906744f2c1-" + java.util.UUID.randomUUID()).toList();
    }
}
