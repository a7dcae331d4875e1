package org.statefed.web;

import java.util.Map;
import java.util.OptionalLong;

/**
 * How busy a node is at one instant, for the metrics.
 *
 * @param mergeBacklog received items waiting for the merge thread
 * @param publishBacklog per link, changes queued or in flight to its peers
 * @param storeCommits commits to the state file since start; empty without a state file
 * @param storeKeysWritten entries written to the state file since start; empty without a state file
 */
public record NodeLoad(int mergeBacklog, Map<String, Integer> publishBacklog, OptionalLong storeCommits,
        OptionalLong storeKeysWritten) {
    public NodeLoad {
        publishBacklog = Map.copyOf(publishBacklog);
    }
}
