package org.herald.server.modules;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.herald.core.store.NodeRegistry;
import org.herald.server.node.NodeIdentity;
import org.herald.server.node.NodeStartRecorder;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcNodeRegistry;
import org.herald.webadmin.NodesRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Herald's own state store (conf/store.xml), opened and migrated before James starts so that an unreachable store
 * is reported as such, and the store-backed services and routes over it.
 */
public class HeraldStoreModule extends AbstractModule {
    private final HeraldDataSource dataSource;
    private final NodeIdentity identity;

    public HeraldStoreModule(HeraldDataSource dataSource, NodeIdentity identity) {
        this.dataSource = dataSource;
        this.identity = identity;
    }

    @Override
    protected void configure() {
        bind(HeraldDataSource.class).toInstance(dataSource);
        bind(NodeIdentity.class).toInstance(identity);
        bind(NodeRegistry.class).toInstance(new JdbcNodeRegistry(dataSource));
        bind(NodeStartRecorder.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(NodesRoutes.class);
    }

    @ProvidesIntoSet
    InitializationOperation recordNodeStart(NodeStartRecorder recorder) {
        return InitilizationOperationBuilder
            .forClass(NodeStartRecorder.class)
            .init(recorder::start);
    }
}
