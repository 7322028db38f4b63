package io.zkml4j.prover.relation.lookup;

import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.plan.ColumnRef;
import io.zkml4j.prover.plan.LookupGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PackedGroupsTest {
    private static List<LookupGroup> groups(int... logSizes) {
        List<LookupGroup> gs = new ArrayList<>();
        for (int n : logSizes) {
            gs.add(new LookupGroup(new PaddedShape(1 << n), new ColumnRef[0]));
        }
        return gs;
    }

    private static List<Integer> packVars(int... logSizes) {
        return PackedGroups.packs(groups(logSizes)).stream().map(PackedGroups::numVars).toList();
    }

    @Test
    void aTableIsSplitIntoTreesWhereThatSavesManyLeaves() {
        // sixteen 2^17 groups and four smaller ones: 2.2M rows, one tree of 2^22 leaves or 2^21 + 2^17
        assertThat(packVars(17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 16, 15, 14, 13)).containsExactly(21, 17);
        assertThat(packVars(20, 18)).containsExactly(20, 18);
        assertThat(packVars(19, 18, 14, 13)).as("2^19 + 2^19 leaves save nothing over 2^20").containsExactly(20);
        assertThat(packVars(20, 19, 18)).containsExactly(21);
        assertThat(packVars(20, 20, 20, 20)).as("a power of two").containsExactly(22);
        assertThat(packVars(17, 12)).as("saving less than 2^17 leaves").containsExactly(18);
        assertThat(packVars(10, 9, 8, 7)).containsExactly(11);
        assertThat(packVars(26, 24, 22, 20, 18)).as("at most four trees").containsExactly(26, 24, 22, 21);
    }

    @Test
    void everyGroupIsInExactlyOnePackInItsOriginalOrder() {
        List<LookupGroup> gs = groups(13, 17, 21, 15, 17, 16, 14, 17, 12, 19);
        List<Integer> seen = new ArrayList<>();
        List<PackedGroups> packs = PackedGroups.packs(gs);
        assertThat(packs).hasSizeGreaterThan(1);
        for (PackedGroups p : packs) {
            int last = -1;
            for (int g = 0; g < p.size(); g++) {
                int index = -1;
                for (int k = 0; k < gs.size(); k++) {
                    index = gs.get(k) == p.group(g) ? k : index;
                }
                assertThat(index).isGreaterThan(last);
                last = index;
                seen.add(index);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
