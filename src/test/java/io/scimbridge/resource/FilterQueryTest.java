package io.scimbridge.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.filter.FilterParser;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The HQL a filter becomes: and/or chains are flat lists, never one parenthesis per clause (a
 * 180-clause chain nested 180 deep made Hibernate's HQL parser run out of memory).
 */
class FilterQueryTest {

    @Test
    void anOrChainIsOneFlatList() {
        FilterQuery.Condition c = translate(chain(50, " or "));

        assertEquals(1, nesting(c.hql()), c.hql());
        assertEquals(50, c.params().size());
        assertTrue(c.hql().startsWith("(r.nameKey = :p0 or r.nameKey = :p1 or "), c.hql());
    }

    @Test
    void anAndChainIsOneFlatList() {
        FilterQuery.Condition c = translate(chain(50, " and "));

        assertEquals(1, nesting(c.hql()), c.hql());
    }

    @Test
    void precedenceAndGroupsAreKept() {
        assertEquals("(r.nameKey = :p0 or (r.nameKey = :p1 and r.nameKey = :p2) or r.nameKey = :p3)",
                translate("userName eq \"a\" or userName eq \"b\" and userName eq \"c\" or userName eq \"d\"").hql());
        assertEquals("((r.nameKey = :p0 or r.nameKey = :p1) and r.nameKey = :p2)",
                translate("(userName eq \"a\" or userName eq \"b\") and userName eq \"c\"").hql());
        assertEquals("(r.nameKey = :p0 or (r.nameKey = :p1 or r.nameKey = :p2))",
                translate("userName eq \"a\" or (userName eq \"b\" or userName eq \"c\")").hql());
    }

    private static FilterQuery.Condition translate(String filter) {
        return FilterQuery.translate(FilterParser.parse(filter), ResourceType.USER);
    }

    private static String chain(int n, String operator) {
        return IntStream.range(0, n).mapToObj(i -> "userName eq \"u" + i + "\"").collect(Collectors.joining(operator));
    }

    private static int nesting(String hql) {
        int depth = 0;
        int deepest = 0;
        for (char ch : hql.toCharArray()) {
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }
}
