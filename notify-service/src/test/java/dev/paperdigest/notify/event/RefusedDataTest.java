package dev.paperdigest.notify.event;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefusedDataTest {

    @ParameterizedTest(name = "SQLState {0} → dead letter at once: {1}")
    @CsvSource({
            "22001, true",   // value too long for its column
            "22021, true",   // character not in the encoding (NUL)
            "22008, true",   // date out of range
            "22P05, true",   // unsupported Unicode escape in jsonb
            "23502, true",   // not-null violation
            "23514, true",   // check violation
            "23503, false",  // foreign key: a subscriber deleted meanwhile; the next attempt succeeds
            "08006, false",  // connection failure
            "40001, false",  // serialization failure
            "57P01, false",  // admin shutdown
    })
    void dataAndIntegrityErrorsArePermanentOthersAreRetried(String sqlState, boolean permanent) {
        SQLException sql = new SQLException("ERROR: something\n  Detail: more", sqlState);
        // As Hibernate and the transaction wrap it.
        RuntimeException failure = new IllegalStateException("transaction failed", new PersistenceException("could not execute", sql));

        assertEquals(permanent, RefusedData.reason(failure).isPresent());
        if (permanent) {
            assertEquals("refused by the database (SQLState " + sqlState + "): ERROR: something Detail: more",
                    RefusedData.reason(failure).orElseThrow());
        }
    }
}
