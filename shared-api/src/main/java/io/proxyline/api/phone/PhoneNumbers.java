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
        if (text == null || !text.startsWith("+") || text.length() > 16) {
            return Optional.empty();
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(text, "ZZ");
        } catch (NumberParseException e) {
            return Optional.empty();
        }
        if (!UTIL.isValidNumber(number) || !UTIL.format(number, PhoneNumberFormat.E164).equals(text)) {
            return Optional.empty();
        }
        String region = UTIL.getRegionCodeForNumber(number);
        String nsn = UTIL.getNationalSignificantNumber(number);
        int areaCodeLength = UTIL.getLengthOfGeographicalAreaCode(number);
        String areaCode = areaCodeLength > 0 ? nsn.substring(0, areaCodeLength) : "";
        boolean tollFree = UTIL.getNumberType(number) == PhoneNumberType.TOLL_FREE;
        return Optional.of(new NumberFacts(text, region, areaCode, tollFree));
    }

    public static boolean isE164(String text) {
        return parse(text).isPresent();
    }

    /** A valid E.164 number's region (ISO 3166 alpha-2), geographic area code ("" if none), and type. */
    public record NumberFacts(String e164, String country, String areaCode, boolean tollFree) {}
}
