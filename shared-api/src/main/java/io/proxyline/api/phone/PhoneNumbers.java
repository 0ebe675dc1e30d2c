package io.proxyline.api.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** E.164 parsing and the facts Proxyline needs of a number, all from libphonenumber. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /**
     * The number's facts when {@code text} is a valid number written in canonical E.164
     * ({@code +} then country code and national number, no spaces); empty otherwise.
     */
    public static Optional<NumberFacts> parse(String text) {
        return valid(text).map(ValidNumber::facts);
    }

    /**
     * Like {@link #parse}, without the area code and the number type until they are asked for: the
     * region is found once (libphonenumber's {@code isValidNumber}, {@code getNumberType} and
     * {@code getLengthOfGeographicalAreaCode} each look it up again, for +1 numbers by matching the
     * number against the patterns of up to 25 regions).
     */
    public static Optional<ValidNumber> valid(String text) {
        if (text == null || !text.startsWith("+") || text.length() > 16) {
            return Optional.empty();
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(text, "ZZ");
        } catch (NumberParseException e) {
            return Optional.empty();
        }
        // isValidNumber(number) is exactly this, with the region looked up inside.
        String region = UTIL.getRegionCodeForNumber(number);
        if (!UTIL.isValidNumberForRegion(number, region) || !UTIL.format(number, PhoneNumberFormat.E164).equals(text)) {
            return Optional.empty();
        }
        return Optional.of(new ValidNumber(text, region, number));
    }

    public static boolean isE164(String text) {
        return valid(text).isPresent();
    }

    /** A valid number in canonical E.164, its region, and the parsed number for the facts asked later. */
    public record ValidNumber(String e164, String country, PhoneNumber number) {

        /** The geographic area code, "" if it has none. */
        public String areaCode() {
            int length = UTIL.getLengthOfGeographicalAreaCode(number);
            return length > 0 ? UTIL.getNationalSignificantNumber(number).substring(0, length) : "";
        }

        public NumberFacts facts() {
            return new NumberFacts(e164, country, areaCode(), UTIL.getNumberType(number) == PhoneNumberType.TOLL_FREE);
        }
    }

    /** A valid E.164 number's region (ISO 3166 alpha-2), geographic area code ("" if none), and type. */
    public record NumberFacts(String e164, String country, String areaCode, boolean tollFree) {}
}
