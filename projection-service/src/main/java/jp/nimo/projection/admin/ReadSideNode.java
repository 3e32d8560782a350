package jp.nimo.projection.admin;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This read-side node, as the token table knows it: the owner written on the segments it claims.
 * Axon's default owner is the JVM's name, which two services started in one JVM share; a random
 * suffix keeps them apart unless {@code nimo.node-id} ({@code NIMO_NODE_ID}) names the node.
 */
public record ReadSideNode(String id) {

    public static ReadSideNode named(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new ReadSideNode(configured.strip());
        }
        return new ReadSideNode(ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }
}
