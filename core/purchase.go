package core

import "math"

// productsField is the path of the products in warnings, whatever the
// spelling of the key they came under.
var productsField = propertiesField.member("products")

// orderCompleted logs one purchase per product of an Order Completed event.
func (m *Mapper) orderCompleted(ev *Event, r *Result) {
	currency, ok := m.currency(ev, r)
	if !ok {
		return
	}
	productsKey, raw, _ := objcase(ev.Properties, "products")
	raw, _ = read(ev, raw, &productsField, r)
	products, isArray := raw.([]any)
	if !isArray || len(products) == 0 {
		if raw != nil && !isArray {
			r.warn("properties.products", CodeInvalidType, "expected an array of products but got %s", describe(raw))
		}
		r.warn("properties.products", CodeNoPurchase, "%q has no products: no purchase logged", ev.Event)
		return
	}
	// The order's properties are only ever sent inside a product's: a
	// map of their own would be built only to be copied from.
	var buf [16]Option
	root, rootSize := m.propsFilter(ev, purchaseReserved, true).filter(buf[:0], nil, ev.Properties, &propertiesField, 1, r, productsKey, "currency")
	for i, p := range products {
		pf := productsField.elem(i)
		m.productPurchase(r, ev, p, &pf, currency, root, rootSize)
	}
}

// revenuePurchase handles a track with revenue when
// logPurchaseWhenRevenuePresent is on: per product when it has products,
// else one purchase named after the event (the seed's rule). It reports
// false when the revenue is not a number: the event is then a custom
// event, which the caller sends.
func (m *Mapper) revenuePurchase(ev *Event, r *Result) bool {
	var skip [3]string
	keys := append(skip[:0], "revenue", "currency")
	if key, products, ok := objcase(ev.Properties, "products"); ok {
		if v, _ := read(ev, products, &productsField, r); isNonEmptyArray(v) {
			m.orderCompleted(ev, r)
			return true
		}
		keys = append(keys, key)
	}
	revenue := peek(ev, "revenue")
	price, ok := parsePrice(revenue)
	if !ok {
		r.warn("properties.revenue", CodeInvalidPrice, "revenue %s is not a number: sent as a custom event instead of a purchase", describe(revenue))
		return false
	}
	currency, ok := m.currency(ev, r)
	if !ok {
		return true
	}
	id, ok := productID(ev.Event, &eventField, r)
	if !ok {
		return true
	}
	props, size := m.propsFilter(ev, purchaseReserved, true).apply(ev.Properties, &propertiesField, 1, 0, nil, r, keys...)
	props = fitSize(props, size, &propertiesField, r)
	r.call(MethodLogPurchase, id, price, currency, float64(1), props)
	return true
}

// productPurchase logs the purchase of the product raw at at: its
// properties, then those of the order (root, of size at most rootSize)
// it does not shadow.
func (m *Mapper) productPurchase(r *Result, ev *Event, raw any, at *field, currency any, root []Option, rootSize int) {
	v, ok := read(ev, raw, at, r)
	if !ok {
		return
	}
	p, ok := v.(map[string]any)
	if !ok {
		r.warnAt(at, CodeInvalidProduct, "expected a product object but got %s: no purchase logged", describe(v))
		return
	}
	// The keys the purchase consumes are not properties; nor is one whose
	// value was dropped on reading (and reported then).
	var buf [4]string
	skip := buf[:0]
	idKey, idVal, found := objcase(p, "product_id")
	if found {
		f := at.member(idKey)
		if idVal, ok = read(ev, idVal, &f, r); !ok {
			skip = append(skip, idKey)
		}
	}
	if idVal == nil || idVal == "" {
		// Ecommerce spec v1 and the server-side integration used "id".
		idKey, idVal = "id", p["id"]
		f := at.member(idKey)
		if idVal, _ = read(ev, idVal, &f, r); idVal == nil || idVal == "" {
			f := at.member("product_id")
			r.warnAt(&f, CodeInvalidProductID, "the product has no product_id or id: no purchase logged")
			return
		}
	}
	skip = append(skip, idKey, "quantity")
	idAt := at.member(idKey)
	id, ok := productID(idVal, &idAt, r)
	if !ok {
		return
	}
	priceKey, priceVal, found := objcase(p, "price")
	if found {
		f := at.member(priceKey)
		priceVal, _ = read(ev, priceVal, &f, r)
		skip = append(skip, priceKey)
	}
	price, ok := parsePrice(priceVal)
	if !ok {
		f := at.member("price")
		r.warnAt(&f, CodeInvalidPrice, "price %s is not a number: no purchase logged", describe(priceVal))
		return
	}
	qf := at.member("quantity")
	qv, _ := read(ev, p["quantity"], &qf, r)
	q := quantity(qv, &qf, r)
	props, size := m.propsFilter(ev, purchaseReserved, true).apply(p, at, 3, 0, root, r, skip...)
	props = fitSize(props, size+rootSize, at, r)
	// The id and price go as the product held them when they are what
	// is sent: boxing them again cost an allocation each.
	if idVal != id {
		idVal = id
	}
	if priceVal != price {
		priceVal = price
	}
	r.call(MethodLogPurchase, idVal, priceVal, currency, q, props)
}

// eventField is the path of the event name.
var eventField = field{key: "event", index: -1}

// productID validates a product id: a string (numbers are converted) of
// at most 255 characters, not starting with "$", with no character the
// SDK refuses.
func productID(v any, at *field, r *Result) (string, bool) {
	var id string
	switch v := v.(type) {
	case string:
		id = v
	case float64:
		id = formatFloat(v)
	default:
		r.warnAt(at, CodeInvalidProductID, "product id %s is not a string: no purchase logged", describe(v))
		return "", false
	}
	if id == "" || len(id) > MaxStringLen || hasPrefix(id, "$") {
		r.warnAt(at, CodeInvalidProductID, "product id %q must be 1-%d characters and not start with $: no purchase logged", id, MaxStringLen)
		return "", false
	}
	if refused(&r.Warnings, at, CodeInvalidProductID, "no purchase logged", id) {
		return "", false
	}
	return id, true
}

// parsePrice reads a price or revenue: a finite number, or a string that
// JavaScript's Number() reads as one, after an optional leading "$" (the
// spec's revenue rule). A blank string is no price, though Number("") is 0.
func parsePrice(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	case string:
		price, _ := cutPrefix(jsTrim(v), "$")
		return finiteNumber(price)
	}
	return 0, false
}

// quantity reads a product quantity: missing means 1; Braze takes whole
// numbers from 1 to 100, so other values are brought into range. It is
// boxed here: 1 without an allocation, and v itself when it is the
// quantity.
func quantity(v any, at *field, r *Result) any {
	if v == nil {
		return float64(1)
	}
	q, ok := parsePrice(v)
	if !ok {
		r.warnAt(at, CodeQuantityClamped, "quantity %s is not a number: 1 used", describe(v))
		return float64(1)
	}
	if _, isString := v.(string); isString {
		r.warnAt(at, CodeConvertedType, "quantity %s is a string: converted to %g", describe(v), q)
	}
	c := math.Round(q)
	if c < MinQuantity {
		c = MinQuantity
	} else if c > MaxQuantity {
		c = MaxQuantity
	}
	if c != q {
		r.warnAt(at, CodeQuantityClamped, "quantity %s must be a whole number from %d to %d: %g used", describe(v), MinQuantity, MaxQuantity, c)
	}
	if c == 1 {
		return float64(1)
	}
	if v != c {
		return c
	}
	return v
}

// currency returns the order's currency (exact key "currency", default
// USD), upper-cased; an unknown code drops the order since Braze would
// reject every purchase in it. It is boxed once for every purchase, and
// not at all when the event held it so.
func (m *Mapper) currency(ev *Event, r *Result) (any, bool) {
	f := propertiesField.member("currency")
	v, _ := read(ev, ev.Properties["currency"], &f, r)
	if !truthy(v) {
		return "USD", true
	}
	s, isString := v.(string)
	code := toUpperASCII(trimSpace(s))
	if !isString || !isCurrency(code) {
		r.warn("properties.currency", CodeInvalidCurrency, "currency %s is not an ISO 4217 code: no purchase logged", describe(v))
		return nil, false
	}
	if v != code {
		return code, true
	}
	return v, true
}

// currencies lists the ISO 4217 codes Braze accepts, three letters each.
const currencies = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTC BTN BWP BYN BYR BZD " +
	"CAD CDF CHF CLF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EEK EGP ERN ETB EUR FJD FKP GBP GEL GGP GHS GIP GMD GNF " +
	"GTQ GYD HKD HNL HRK HTG HUF IDR ILS IMP INR IQD IRR ISK JEP JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR " +
	"LRD LSL LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRO MRU MTL MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN " +
	"PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD STD STN SVC SYP SZL THB TJS TMT TND " +
	"TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VEF VES VND VUV WST XAF XAG XAU XCD XDR XOF XPD XPF XPT YER ZAR ZMK ZMW ZWL"

// isCurrency reports whether code is one of currencies, by binary search:
// they are sorted (TestCurrencyOrder), and a scan took an order a tenth
// of a microsecond.
func isCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	i, j := 0, (len(currencies)+1)/4
	for i < j {
		h := (i + j) / 2
		if currencies[4*h:4*h+3] < code {
			i = h + 1
		} else {
			j = h
		}
	}
	return 4*i < len(currencies) && currencies[4*i:4*i+3] == code
}
