package io.scimbridge.assignments;

import io.scimbridge.rules.AssignmentRule;
import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.GroupSelector;
import io.scimbridge.rules.Template;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assignment planner, a pure function: desired = the rules expanded over the groups that
 * exist in Identity Center and the accounts of the organisation; plan = desired vs actual, where
 * only managed assignments (those the bridge created) may be deleted, unless {@code manage: all}.
 *
 * <p>{@code actual} must hold every assignment AWS has for each (permission set, account) pair
 * that is desired or managed ({@link Desired#targets()} plus the managed assignments' targets):
 * a managed assignment missing from {@code actual} is taken as gone and its record forgotten.
 */
public final class Planner {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** Why an assignment is wanted: the first rule (in file order) and the group it matched. */
    public record Origin(String rule, String group) {
    }

    /**
     * The rules expanded: the wanted assignments with their origins, and the findings. Held as
     * blocks (one group, its permission sets, a set of accounts shared by every group of a rule
     * when not templated), so memory grows with groups x rules, not with groups x accounts.
     */
    public static final class Desired {

        /** One group's permission sets x accounts from one rule; {@code rank} is its place among the group's blocks. */
        private record Block(String groupId, Origin origin, List<String> sets, Set<String> accounts, int rank) {
            boolean covers(String set, String account) {
                return accounts.contains(account) && sets.contains(set);
            }
        }

        private interface TargetAction {
            void accept(Block block, String set, String account);
        }

        private final List<Block> blocks;
        private final Map<String, List<Block>> byGroup;
        private final List<Finding> findings;
        private final int size;

        private Desired(List<Block> blocks, Map<String, List<Block>> byGroup, List<Finding> findings) {
            this.blocks = blocks;
            this.byGroup = byGroup;
            this.findings = List.copyOf(findings);
            int[] count = {0};
            forEachTarget((block, set, account) -> count[0]++);
            this.size = count[0];
        }

        public List<Finding> findings() {
            return findings;
        }

        /** How many assignments are wanted. */
        public int size() {
            return size;
        }

        public boolean contains(Assignment a) {
            return origin(a) != null;
        }

        /** The origin of a wanted assignment (its first rule), or null if it is not wanted. */
        public Origin origin(Assignment a) {
            if (a.principalType() != PrincipalType.GROUP) {
                return null;
            }
            for (Block block : byGroup.getOrDefault(a.principalId(), List.of())) {
                if (block.covers(a.permissionSetArn(), a.accountId())) {
                    return block.origin();
                }
            }
            return null;
        }

        /** Every wanted assignment once: in rule order, then group name, permission set and account. */
        public void forEach(BiConsumer<Assignment, Origin> action) {
            forEachTarget((block, set, account) ->
                    action.accept(Assignment.group(set, account, block.groupId()), block.origin()));
        }

        /** The (permission set, account) pairs to read the actual assignments of. */
        public Set<Assignment.Target> targets() {
            Set<Assignment.Target> targets = new HashSet<>();
            Set<Map.Entry<List<String>, Set<String>>> products = new HashSet<>();
            for (Block block : blocks) {
                // most blocks of a rule share their lists: expand each distinct product once
                if (products.add(Map.entry(block.sets(), block.accounts()))) {
                    for (String set : block.sets()) {
                        for (String account : block.accounts()) {
                            targets.add(new Assignment.Target(set, account));
                        }
                    }
                }
            }
            return targets;
        }

        private void forEachTarget(TargetAction action) {
            for (Block block : blocks) {
                List<Block> earlier = byGroup.get(block.groupId()).subList(0, block.rank());
                for (String set : block.sets()) {
                    for (String account : block.accounts()) {
                        if (!coveredBy(earlier, set, account)) {
                            action.accept(block, set, account);
                        }
                    }
                }
            }
        }

        private static boolean coveredBy(List<Block> earlier, String set, String account) {
            for (Block block : earlier) {
                if (block.covers(set, account)) {
                    return true;
                }
            }
            return false;
        }
    }

    private Planner() {
    }

    /** The plan, with deletes of managed assignments attributed to no particular rule. */
    public static Plan plan(AssignmentRules rules, Collection<GroupRef> groups, Organization organization,
                            Map<String, String> permissionSetArnsByName, Set<Assignment> actual, Set<Assignment> managed) {
        Map<Assignment, String> byRule = new HashMap<>();
        managed.forEach(a -> byRule.put(a, null));
        return plan(rules, groups, organization, permissionSetArnsByName, actual, byRule);
    }

    /** The plan, {@code managed} giving the rule that created each managed assignment. */
    public static Plan plan(AssignmentRules rules, Collection<GroupRef> groups, Organization organization,
                            Map<String, String> permissionSetArnsByName, Set<Assignment> actual,
                            Map<Assignment, String> managed) {
        Desired desired = desired(rules, groups, organization, permissionSetArnsByName);
        return diff(desired, rules.manage(), actual, managed, new Labeler(groups, organization, permissionSetArnsByName));
    }

    /** The rules expanded over the groups and the organisation. */
    public static Desired desired(AssignmentRules rules, Collection<GroupRef> groups, Organization organization,
                                  Map<String, String> permissionSetArnsByName) {
        return new Expansion(groups, organization, permissionSetArnsByName).expand(rules);
    }

    /** Desired vs actual. */
    public static Plan diff(Desired desired, AssignmentRules.Manage manage, Set<Assignment> actual,
                            Map<Assignment, String> managed, Labeler labels) {
        List<Change.Create> creates = new ArrayList<>();
        desired.forEach((assignment, origin) -> {
            if (!actual.contains(assignment)) {
                creates.add(new Change.Create(assignment, origin.rule(), labels.of(assignment)));
            }
        });
        List<Change.Delete> deletes = new ArrayList<>();
        List<Assignment> unmanaged = new ArrayList<>();
        int unchanged = 0;
        for (Assignment assignment : actual) {
            if (desired.contains(assignment)) {
                unchanged++;
            } else if (managed.containsKey(assignment)) {
                String reason = labels.groupExists(assignment) ? "no rule wants it any more"
                        : "the group is no longer in Identity Center";
                deletes.add(new Change.Delete(assignment, managed.get(assignment), reason, labels.of(assignment)));
            } else if (manage == AssignmentRules.Manage.ALL) {
                deletes.add(new Change.Delete(assignment, null,
                        "not created by the bridge, wanted by no rule, and assignments.manage is 'all'",
                        labels.of(assignment)));
            } else {
                unmanaged.add(assignment);
            }
        }
        List<Assignment> forget = new ArrayList<>();
        for (Assignment assignment : managed.keySet()) {
            if (!actual.contains(assignment) && !desired.contains(assignment)) {
                forget.add(assignment);
            }
        }
        Comparator<Change> byLabel = Comparator.comparing((Change c) -> c.labels().principal())
                .thenComparing(c -> c.labels().permissionSet()).thenComparing(c -> c.assignment().accountId());
        deletes.sort(byLabel);
        Comparator<Assignment> byIds = Comparator.comparing(Assignment::principalId)
                .thenComparing(Assignment::permissionSetArn).thenComparing(Assignment::accountId);
        unmanaged.sort(byIds);
        forget.sort(byIds);
        return new Plan(creates, deletes, desired.findings(), unmanaged, forget, desired.size(), unchanged);
    }

    /** Display names for a plan's assignments. */
    public static final class Labeler {
        private final Map<String, String> groupNames = new HashMap<>();
        private final Map<String, String> permissionSetNames = new HashMap<>();
        private final Organization organization;

        public Labeler(Collection<GroupRef> groups, Organization organization, Map<String, String> permissionSetArnsByName) {
            groups.forEach(g -> groupNames.put(g.groupId(), g.displayName()));
            permissionSetArnsByName.forEach((name, arn) -> permissionSetNames.put(arn, name));
            this.organization = organization;
        }

        Change.Labels of(Assignment a) {
            return new Change.Labels(groupNames.getOrDefault(a.principalId(), a.principalId()),
                    permissionSetNames.getOrDefault(a.permissionSetArn(), a.permissionSetArn()),
                    organization.account(a.accountId()).map(Organization.Account::name).orElse(a.accountId()));
        }

        boolean groupExists(Assignment a) {
            return a.principalType() != PrincipalType.GROUP || groupNames.containsKey(a.principalId());
        }
    }

    /** One expansion of the rules; holds the indexes built once for all rules. */
    private static final class Expansion {
        private final List<GroupRef> groups;
        private final Map<String, GroupRef> groupsByName = new HashMap<>();
        private final Organization organization;
        private final Map<String, String> arnsByName;
        private final Set<String> knownArns;
        private final List<Desired.Block> blocks = new ArrayList<>();
        private final Map<String, List<Desired.Block>> byGroup = new HashMap<>();
        private final Set<Finding> findings = new LinkedHashSet<>();

        Expansion(Collection<GroupRef> groups, Organization organization, Map<String, String> arnsByName) {
            this.groups = groups.stream().sorted(Comparator.comparing(GroupRef::displayName)).toList();
            this.groups.forEach(g -> groupsByName.putIfAbsent(g.displayName().toLowerCase(Locale.ROOT), g));
            this.organization = organization;
            this.arnsByName = arnsByName;
            this.knownArns = new HashSet<>(arnsByName.values());
        }

        Desired expand(AssignmentRules rules) {
            for (AssignmentRule rule : rules.rules()) {
                new RuleExpansion(rule).run();
            }
            return new Desired(blocks, byGroup, List.copyOf(findings));
        }

        /** One rule: its static targets and permission sets are resolved once, templates per group. */
        private final class RuleExpansion {
            private final AssignmentRule rule;
            private final Map<String, Boolean> admitted = new HashMap<>();
            private final Map<String, String> resolvedSets = new HashMap<>();
            private final Set<String> staticAccounts;
            private final List<String> staticSets;
            private boolean targetedAny;

            RuleExpansion(AssignmentRule rule) {
                this.rule = rule;
                this.staticSets = rule.permissionSets().stream().filter(Template::isLiteral)
                        .map(t -> resolve(t.text())).filter(arn -> arn != null).distinct().toList();
                this.staticAccounts = staticAccounts();
                targetedAny = !staticAccounts.isEmpty();
            }

            void run() {
                switch (rule.groups()) {
                    case GroupSelector.Names names -> {
                        for (String name : names.names()) {
                            GroupRef group = groupsByName.get(name.toLowerCase(Locale.ROOT));
                            if (group == null) {
                                findings.add(new Finding.UnknownGroup(rule.name(), name));
                            } else {
                                add(group, null);
                            }
                        }
                    }
                    case GroupSelector.Regex regex -> {
                        for (GroupRef group : groups) {
                            Matcher m = regex.pattern().matcher(group.displayName());
                            if (m.matches()) {
                                add(group, m);
                            }
                        }
                    }
                }
                if (!targetedAny) {
                    findings.add(new Finding.NoTargets(rule.name()));
                }
            }

            private void add(GroupRef group, Matcher match) {
                List<String> sets = staticSets;
                Set<String> accounts = staticAccounts;
                if (match != null) {
                    sets = withTemplated(staticSets, rule.permissionSets(), match, this::resolve);
                    List<String> templated = withTemplated(List.of(), rule.accounts(), match,
                            value -> templatedAccount(group, value));
                    if (!templated.isEmpty()) {
                        accounts = new LinkedHashSet<>(staticAccounts);
                        accounts.addAll(templated);
                    }
                }
                if (accounts.isEmpty() || sets.isEmpty()) {
                    return;
                }
                targetedAny = true;
                List<Desired.Block> ofGroup = byGroup.computeIfAbsent(group.groupId(), k -> new ArrayList<>(2));
                Desired.Block block = new Desired.Block(group.groupId(), new Origin(rule.name(), group.displayName()),
                        sets, accounts, ofGroup.size());
                ofGroup.add(block);
                blocks.add(block);
            }

            private List<String> withTemplated(List<String> statics, List<Template> templates, Matcher match,
                                               Function<String, String> check) {
                List<String> values = null;
                for (Template t : templates) {
                    if (t.isLiteral()) {
                        continue;
                    }
                    String value = check.apply(t.expand(match));
                    if (value != null && !statics.contains(value) && (values == null || !values.contains(value))) {
                        if (values == null) {
                            values = new ArrayList<>(statics);
                        }
                        values.add(value);
                    }
                }
                return values == null ? statics : values;
            }

            private String templatedAccount(GroupRef group, String value) {
                if (!ACCOUNT_ID.matcher(value).matches()) {
                    findings.add(new Finding.InvalidAccount(rule.name(), group.displayName(), value));
                    return null;
                }
                return admit(value) ? value : null;
            }

            /** A permission set name or ARN to its ARN; null (and a finding) if unknown. */
            private String resolve(String nameOrArn) {
                return resolvedSets.computeIfAbsent(nameOrArn, key -> {
                    String arn = key.startsWith("arn:") ? (knownArns.contains(key) ? key : null) : arnsByName.get(key);
                    if (arn == null) {
                        findings.add(new Finding.UnknownPermissionSet(rule.name(), key));
                    }
                    return arn;
                });
            }

            private Set<String> staticAccounts() {
                Set<String> candidates = new LinkedHashSet<>();
                for (Template t : rule.accounts()) {
                    if (t.isLiteral()) {
                        candidates.add(t.text());
                    }
                }
                if (!organization.available()) {
                    if (!rule.organizationalUnits().isEmpty() || !rule.accountTags().isEmpty()
                            || rule.startsFromWholeOrganization()) {
                        findings.add(new Finding.OrganizationUnavailable(rule.name(),
                                organization.unavailableReason().orElseThrow()));
                    }
                } else {
                    for (String unit : rule.organizationalUnits()) {
                        if (!organization.hasParent(unit)) {
                            findings.add(new Finding.UnknownOrganizationalUnit(rule.name(), unit));
                        } else {
                            organization.accountsBelow(unit).forEach(a -> candidates.add(a.id()));
                        }
                    }
                    if (rule.startsFromWholeOrganization()) {
                        organization.accounts().forEach(a -> candidates.add(a.id()));
                    }
                }
                Set<String> accounts = new LinkedHashSet<>();
                for (String id : candidates) {
                    if (admit(id)) {
                        accounts.add(id);
                    }
                }
                return accounts;
            }

            /** Whether the rule may target this account; records why not when it is worth saying. */
            private boolean admit(String accountId) {
                Boolean known = admitted.get(accountId);
                if (known != null) {
                    return known;
                }
                boolean ok = decide(accountId);
                admitted.put(accountId, ok);
                return ok;
            }

            private boolean decide(String accountId) {
                if (rule.exceptAccounts().contains(accountId)) {
                    return false;
                }
                if (!organization.available()) {
                    return rule.accountTags().isEmpty();
                }
                Organization.Account account = organization.account(accountId).orElse(null);
                if (account == null) {
                    findings.add(new Finding.UnknownAccount(rule.name(), accountId));
                    return false;
                }
                for (Map.Entry<String, String> tag : rule.accountTags().entrySet()) {
                    if (!tag.getValue().equals(account.tags().get(tag.getKey()))) {
                        return false;
                    }
                }
                if (!account.status().assignable()) {
                    findings.add(new Finding.AccountSkipped(rule.name(), accountId, account.status()));
                    return false;
                }
                if (accountId.equals(organization.managementAccountId())) {
                    findings.add(new Finding.ManagementAccount(rule.name(), accountId));
                }
                return true;
            }
        }
    }
}
