package jp.nimo.command.automation.erasure;

import jp.nimo.cases.CaseEvent.CaseErased;
import jp.nimo.infra.crypto.CaseKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * When a case is erased, destroy its key (crypto-shredding): its sealed personal data becomes unreadable
 * everywhere. Runs in the erasure's transaction, so a case is never recorded erased with its key still there.
 */
@Component
@ProcessingGroup(WhenCaseErasedDestroyKey.NAME)
public class WhenCaseErasedDestroyKey {

    public static final String NAME = "erasure-destroys-key";

    private final CaseKeys caseKeys;

    public WhenCaseErasedDestroyKey(CaseKeys caseKeys) {
        this.caseKeys = caseKeys;
    }

    @EventHandler
    void on(CaseErased erased) {
        caseKeys.destroy(erased.caseId().value());
    }
}
