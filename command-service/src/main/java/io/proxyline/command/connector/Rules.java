package io.proxyline.command.connector;

import static io.proxyline.api.wire.ProxyRejected.badRequest;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.proxyline.api.phone.PhoneNumbers;
import io.proxyline.api.phone.PhoneNumbers.ValidNumber;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.GeoMatchLevel;
import io.proxyline.api.session.GeoMatchParams;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The business rules on values, checked by the aggregate whatever the edge already checked. */
final class Rules {
    private static final Pattern SESSION_NAME = Pattern.compile("^$|^[a-zA-Z0-9 ]{0,30}$");
    private static final Pattern AREA_CODE = Pattern.compile("^$|^[0-9]{3}$");
    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

    private Rules() {}

    /** Valid canonical E.164; the area code and type only when asked for (a create needs neither, mostly). */
    static ValidNumber valid(String number, String member) {
        return PhoneNumbers.valid(number)
                .orElseThrow(() -> badRequest(member + " '" + number + "' is not a valid E.164 phone number"));
    }

    static List<ValidNumber> participants(List<String> participants) {
        if (participants == null || participants.size() != 2) {
            throw badRequest("ParticipantPhoneNumbers must hold exactly two phone numbers");
        }
        ValidNumber a = valid(participants.get(0), "ParticipantPhoneNumbers");
        ValidNumber b = valid(participants.get(1), "ParticipantPhoneNumbers");
        if (a.e164().equals(b.e164())) {
            throw badRequest("ParticipantPhoneNumbers must be two different phone numbers");
        }
        return List.of(a, b);
    }

    static void capabilities(Set<Capability> capabilities) {
        if (capabilities == null || capabilities.isEmpty()) {
            throw badRequest("Capabilities must hold at least one of Voice, SMS");
        }
    }

    static void expiryMinutes(Integer minutes, String member) {
        if (minutes != null && minutes < 1) {
            throw badRequest(member + " must be at least 1");
        }
    }

    static void sessionName(String name) {
        if (name != null && !SESSION_NAME.matcher(name).matches()) {
            throw badRequest("Name must be at most 30 letters, digits or spaces");
        }
    }

    static void country(String country, String member) {
        if (country == null || !REGIONS.contains(country)) {
            throw badRequest(member + " '" + country + "' is not an ISO 3166 country code with phone numbers");
        }
    }

    static void geoMatch(GeoMatchLevel level, GeoMatchParams params) {
        if (params == null) return;
        country(params.country(), "GeoMatchParams.Country");
        if (params.areaCode() == null || !AREA_CODE.matcher(params.areaCode()).matches()) {
            throw badRequest("GeoMatchParams.AreaCode must be empty or three digits");
        }
        if (level == GeoMatchLevel.AREA_CODE && params.areaCode().isEmpty()) {
            throw badRequest("GeoMatchLevel AreaCode needs a GeoMatchParams.AreaCode");
        }
    }

    static void poolCountries(List<String> countries) {
        if (countries == null || countries.isEmpty() || countries.size() > 100) {
            throw badRequest("PhoneNumberPoolCountries must hold 1 to 100 country codes");
        }
        countries.forEach(c -> country(c, "PhoneNumberPoolCountries"));
    }
}
