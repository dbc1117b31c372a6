package org.safecase.events;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9162 tree heads and consistency proofs, against the reference vectors of Certificate Transparency. */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The eight leaves of the RFC 6962 reference implementation's tests, and the tree head of each prefix. */
    private static final byte[][] DATA = {new byte[0], HEX.parseHex("00"), HEX.parseHex("10"), HEX.parseHex("2021"),
            HEX.parseHex("3031"), HEX.parseHex("40414243"), HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f")};
    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(DATA[i]));
        }
        return leaves;
    }

    @Test
    void theTreeHeadOfEachPrefixIsTheReferenceOne() {
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleTree.root(leaves(n)))).as("size " + n).isEqualTo(ROOTS[n - 1]);
        }
    }

    @Test
    void everyEarlierTreeIsProvablyAPrefixOfEveryLaterOne() {
        for (int second = 1; second <= 8; second++) {
            for (int first = 1; first <= second; first++) {
                List<byte[]> proof = MerkleTree.consistencyProof(first, leaves(second));
                assertThat(MerkleTree.verifyConsistency(first, second, HEX.parseHex(ROOTS[first - 1]),
                        HEX.parseHex(ROOTS[second - 1]), proof)).as(first + " -> " + second).isTrue();
            }
        }
    }

    @Test
    void aProofDoesNotHoldForAnAlteredHistoryOrAWrongSize() {
        List<byte[]> proof = MerkleTree.consistencyProof(3, leaves(7));
        List<byte[]> rewritten = new ArrayList<>(leaves(7));
        rewritten.set(1, MerkleTree.leafHash(HEX.parseHex("ff")));
        byte[] rewrittenRoot = MerkleTree.root(rewritten);
        List<byte[]> tampered = new ArrayList<>(proof);
        tampered.set(0, MerkleTree.leafHash(HEX.parseHex("ee")));

        assertThat(MerkleTree.verifyConsistency(3, 7, HEX.parseHex(ROOTS[2]), rewrittenRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 7, HEX.parseHex(ROOTS[2]), HEX.parseHex(ROOTS[6]), tampered)).isFalse();
        assertThat(MerkleTree.verifyConsistency(4, 7, HEX.parseHex(ROOTS[2]), HEX.parseHex(ROOTS[6]), proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 7, HEX.parseHex(ROOTS[2]), HEX.parseHex(ROOTS[6]), List.of())).isFalse();
    }

    /** RFC 9162 section 2.1.1's definition, word for word: the reference the compact form is checked against. */
    private static byte[] definedRoot(List<byte[]> leaves) throws Exception {
        if (leaves.isEmpty()) {
            return MessageDigest.getInstance("SHA-256").digest();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0x01);
        sha.update(definedRoot(leaves.subList(0, k)));
        sha.update(definedRoot(leaves.subList(k, leaves.size())));
        return sha.digest();
    }

    private static List<byte[]> numberedLeaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(ByteBuffer.allocate(Integer.BYTES).putInt(i).array()));
        }
        return leaves;
    }

    @Test
    void givenLeavesAppendedOneByOneThenTheCompactFormGivesTheDefinedTreeHeadAtEverySize() throws Exception {
        List<byte[]> leaves = numberedLeaves(300);
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();

        for (int n = 0; n <= leaves.size(); n++) {
            assertThat(HEX.formatHex(frontier.root())).as("size " + n).isEqualTo(HEX.formatHex(definedRoot(leaves.subList(0, n))));
            assertThat(frontier.packed()).as("one root per binary digit 1 of " + n).hasSize(Integer.bitCount(n) * 32);
            if (n < leaves.size()) {
                frontier.append(leaves.get(n));
            }
        }
    }

    @Test
    void givenACompactFormKeptAtOneSizeThenExtendingItGivesTheTreeHeadOfAllTheLeaves() throws Exception {
        List<byte[]> leaves = numberedLeaves(70);
        for (int kept = 0; kept <= leaves.size(); kept++) {
            MerkleTree.Frontier first = new MerkleTree.Frontier();
            leaves.subList(0, kept).forEach(first::append);

            MerkleTree.Frontier resumed = MerkleTree.Frontier.unpack(kept, first.packed());
            leaves.subList(kept, leaves.size()).forEach(resumed::append);

            assertThat(resumed.size()).isEqualTo(leaves.size());
            assertThat(HEX.formatHex(resumed.root())).as("kept at " + kept).isEqualTo(HEX.formatHex(definedRoot(leaves)));
        }
    }

    @Test
    void aCompactFormOfTheWrongLengthForItsSizeIsRefused() {
        MerkleTree.Frontier three = new MerkleTree.Frontier();
        numberedLeaves(3).forEach(three::append);

        assertThatThrownBy(() -> MerkleTree.Frontier.unpack(4, three.packed())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.Frontier.unpack(3, new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenProofsAsRangesThenEachEarlierTreeIsProvablyAPrefixOfEachLaterOneBeyondTheReferenceVectors() throws Exception {
        List<byte[]> leaves = numberedLeaves(40);
        for (int second = 1; second <= leaves.size(); second++) {
            byte[] secondRoot = definedRoot(leaves.subList(0, second));
            for (int first = 1; first <= second; first++) {
                List<byte[]> proof = new ArrayList<>();
                for (MerkleTree.Range range : MerkleTree.consistencyRanges(first, second)) {
                    proof.add(definedRoot(leaves.subList(Math.toIntExact(range.from()), Math.toIntExact(range.to()))));
                }
                assertThat(MerkleTree.verifyConsistency(first, second, definedRoot(leaves.subList(0, first)), secondRoot,
                        proof)).as(first + " -> " + second).isTrue();
            }
        }
    }
}
