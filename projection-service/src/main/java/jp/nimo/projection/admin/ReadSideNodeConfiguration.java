package jp.nimo.projection.admin;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The node's identity and the token store that claims segments under it. */
@Configuration(proxyBeanMethods = false)
public class ReadSideNodeConfiguration {

    @Bean
    public ReadSideNode readSideNode(@Value("${nimo.node-id:}") String configured) {
        return ReadSideNode.named(configured);
    }

    /**
     * The token store Axon's JDBC auto-configuration would build (same schema, serializer and claim
     * timeout), with this node's own id as the owner of its claims.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, ReadSideNode node,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(new TokenSchema())
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(node.id())
                .build();
    }
}
