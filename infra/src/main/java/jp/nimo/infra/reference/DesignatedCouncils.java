package jp.nimo.infra.reference;

import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Council;
import jp.nimo.reference.Label;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Region;
import jp.nimo.reference.RegionCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The councils designated beyond the reference data, kept in {@code designated_council} by the write side in
 * the designation's transaction, and found by id on every node of both services. A designation never
 * changes, so a council once found is kept in memory; one not (yet) designated is looked up again each time.
 */
public class DesignatedCouncils {

    private final ObjectProvider<JdbcTemplate> database;
    private final Areas areas;
    private final Map<String, Council> found = new ConcurrentHashMap<>();

    /** The database is looked up on first use: the reference data is made before it. */
    public DesignatedCouncils(ObjectProvider<JdbcTemplate> database, Areas areas) {
        this.database = database;
        this.areas = areas;
    }

    public Optional<Council> council(String id) {
        Council council = found.get(id);
        if (council != null) {
            return Optional.of(council);
        }
        JdbcTemplate jdbc = database.getIfAvailable();
        if (jdbc == null) {
            return Optional.empty();
        }
        List<Council> rows = jdbc.query("SELECT council_id, level, name, name_en, secretariat, municipalities, regions"
                + " FROM designated_council WHERE council_id = ?", (row, n) -> new Council(row.getString(1),
                new Label(row.getString(3), Optional.ofNullable(row.getString(4)).orElse(row.getString(3))),
                AreaLevel.valueOf(row.getString(2)), texts(row.getArray(6)), texts(row.getArray(7)),
                row.getString(5)), id);
        rows.forEach(c -> found.put(c.id(), c));
        return rows.stream().findFirst();
    }

    /**
     * Lists a newly designated council with what it covers: a municipality's council its municipality; a
     * region's, the region and its municipalities; a prefecture's, every region and municipality in it.
     */
    public void store(String councilId, Area area, String name, String nameEn, String secretariat, Instant at) {
        List<String> municipalities = switch (area.level()) {
            case MUNICIPALITY -> List.of(area.code());
            case REGION -> areas.region(RegionCode.of(area.code())).map(Region::municipalities).orElse(List.of())
                    .stream().map(MunicipalityCode::value).toList();
            case PREFECTURE -> areas.municipalities().stream().filter(m -> m.prefectureCode().equals(area.code()))
                    .map(m -> m.code().value()).toList();
        };
        List<String> regions = switch (area.level()) {
            case MUNICIPALITY -> List.of();
            case REGION -> List.of(area.code());
            case PREFECTURE -> areas.regions().stream().filter(r -> r.prefectureCode().equals(area.code()))
                    .map(r -> r.code().value()).toList();
        };
        database.getObject().update("INSERT INTO designated_council (council_id, level, area, name, name_en, secretariat,"
                        + " municipalities, regions, designated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, councilId);
                    ps.setString(2, area.level().name());
                    ps.setString(3, area.code());
                    ps.setString(4, name);
                    ps.setString(5, nameEn);
                    ps.setString(6, secretariat);
                    ps.setArray(7, ps.getConnection().createArrayOf("text", municipalities.toArray()));
                    ps.setArray(8, ps.getConnection().createArrayOf("text", regions.toArray()));
                    ps.setTimestamp(9, Timestamp.from(at));
                });
    }

    private static List<String> texts(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
