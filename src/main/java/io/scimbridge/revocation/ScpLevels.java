package io.scimbridge.revocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The levels of the organisation at which one bridge SCP, attached to every target of the level,
 * denies in every account below the configured targets. Level 0 is the targets themselves (the
 * root by default); level n + 1 is what is directly under level n's roots and OUs, with level n's
 * accounts carried down (an account has nothing below it). The management account is left out:
 * SCPs never apply to it.
 *
 * <p>Why levels: AWS allows 5 SCPs per root, OU or account, and an SCP applies to everything
 * below where it is attached. So the root's free slots hold about 400 ids, and each level below
 * holds as many again when the same policies are attached to every OU (or every account) of that
 * level. Levels are read lazily (ListOrganizationalUnitsForParent, ListAccountsForParent and
 * ListPoliciesForTarget for each new target), since most runs never need more than level 0.
 */
final class ScpLevels {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private final ScpGateway aws;
    private final String managementAccount;
    private final boolean below;
    private final List<List<String>> levels = new ArrayList<>();
    private final Map<String, Set<String>> attached = new HashMap<>();
    private boolean deepest;

    /**
     * @param top   the configured targets (level 0)
     * @param below whether bridge SCPs may be attached below the targets at all
     */
    ScpLevels(ScpGateway aws, List<String> top, String managementAccount, boolean below) {
        this.aws = aws;
        this.managementAccount = managementAccount;
        this.below = below;
        add(List.copyOf(top));
    }

    /** Level {@code n}, read from AWS on first use; empty when the organisation has no such level. */
    Optional<List<String>> level(int n) {
        while (levels.size() <= n && !deepest) {
            List<String> last = levels.get(levels.size() - 1);
            Set<String> next = new LinkedHashSet<>();
            for (String target : last) {
                if (isAccount(target)) {
                    next.add(target);
                } else {
                    aws.children(target).stream().filter(id -> !id.equals(managementAccount)).forEach(next::add);
                }
            }
            if (!below || next.isEmpty() || next.equals(new LinkedHashSet<>(last))) {
                deepest = true;
            } else {
                add(List.copyOf(next));
            }
        }
        return n < levels.size() ? Optional.of(levels.get(n)) : Optional.empty();
    }

    /** The SCP ids attached to a target of a level read so far (changed as the run attaches and detaches). */
    Set<String> attachedTo(String target) {
        return attached.get(target);
    }

    /** The level a policy attached to {@code targets} belongs to: the first that holds them all, else the one holding most. */
    int levelOf(List<String> targets) {
        int best = 0;
        long bestCount = -1;
        for (int n = 0; level(n).isPresent(); n++) {
            List<String> level = level(n).get();
            long count = targets.stream().filter(level::contains).count();
            if (count == targets.size()) {
                return n;
            }
            if (count > bestCount) {
                best = n;
                bestCount = count;
            }
        }
        return best;
    }

    static boolean isAccount(String targetId) {
        return ACCOUNT.matcher(targetId).matches();
    }

    private void add(List<String> level) {
        for (String target : level) {
            attached.computeIfAbsent(target, t -> aws.attachedTo(t).stream().map(ScpGateway.PolicyRef::id)
                    .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        }
        levels.add(level);
    }
}
