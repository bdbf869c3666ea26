// The playground's starting points: settings as each Segment destination
// names them, and Segment events as a destination receives them. Loaded
// before playground.js, which reads window.playgroundPresets.
'use strict';
window.playgroundPresets = (() => {
  // The classic destination's names: datacenter, not the Actions endpoint.
  const DEFAULT_SETTINGS = {
    apiKey: 'YOUR-BRAZE-WEB-API-KEY',
    version: '6.13',
    datacenter: 'us',
    trackAllPages: true,
    logPurchaseWhenRevenuePresent: true,
  };

  // Settings as each Segment destination names them.
  const SETTINGS_PRESETS = {
    'Classic "Braze (Appboy)" names': DEFAULT_SETTINGS,
    '"Braze Web Mode (Actions)" names': {api_key: 'YOUR-BRAZE-WEB-API-KEY', sdkVersion: '6.13', endpoint: 'sdk.iad-01.braze.com', deferUntilIdentified: false},
    'Only known users, events buffered': {apiKey: 'YOUR-BRAZE-WEB-API-KEY', version: '6.13', onlyTrackKnownUsersOnWeb: true, anonymousEvents: 'buffer', trackNamedPages: true},
    'SDK 2.7, datacenter and classic options': {apiKey: 'YOUR-BRAZE-WEB-API-KEY', version: '2.7', datacenter: 'eu', enableHtmlInAppMessages: true, openInAppMessagesInNewTab: true, trackAllPages: true},
    // Ours, under either scheme: Braze waits for the visitor's consent.
    'Consent: Braze waits for C0004': {api_key: 'YOUR-BRAZE-WEB-API-KEY', sdkVersion: '6.13', endpoint: 'sdk.iad-01.braze.com', consentCategories: ['C0004']},
  };

  // Presets: Segment events as a destination receives them (ctx.event).
  const PRESETS = {
    'Identify, standard traits': {type: 'identify', userId: 'ze8rt1u89', traits: {
      name: 'Jane Kim', email: 'jane@example.com', gender: 'F', birthday: '1990-12-10',
      phone: '+33 1 23 45 67 89', address: {city: 'Paris', country: 'FR'}, plan: 'pro', company: {id: 1}}},
    'Track': {type: 'track', event: 'Product Viewed', properties: {sku: 'A-1', category: 'mugs', price: 5, time: 'now'}},
    'Order Completed, products': {type: 'track', event: 'Order Completed', properties: {
      order_id: 'o1', currency: 'EUR', products: [
        {product_id: 'p1', name: 'Blue mug', price: 10, quantity: 2}, {id: 'p2', price: 3.5}, {name: 'no id'}]}},
    'Track with revenue': {type: 'track', event: 'Purchased Item', properties: {revenue: '2000', currency: 'USD'}},
    'Page, named': {type: 'page', category: 'Docs', name: 'Install', properties: {path: '/docs/install', title: 'Install'}},
    'Page, unnamed': {type: 'page', properties: {path: '/', title: 'Home'}},
    'Group': {type: 'group', groupId: '1234', traits: {name: 'Acme', plan: 'team'}},
    'Personas computed trait': {type: 'identify', userId: 'ze8rt1u89', traits: {last_product_viewed_item: 'Sweater'},
      context: {personas: {computation_class: 'trait', computation_key: 'last_product_viewed_item'}}},
    'Personas audience entered': {type: 'track', event: 'Audience Entered', userId: 'ze8rt1u89',
      properties: {audience_key: 'dormant_shoppers', dormant_shoppers: true},
      context: {personas: {computation_class: 'audience', computation_key: 'dormant_shoppers'}}},
    'Personas audience exited': {type: 'track', event: 'Audience Exited', userId: 'ze8rt1u89',
      properties: {audience_key: 'dormant_shoppers', dormant_shoppers: false},
      context: {personas: {computation_class: 'audience', computation_key: 'dormant_shoppers'}}},
    // As Segment's consent tools stamp every event (consentCategories).
    'Consent given (C0004)': {type: 'track', event: 'Product Viewed', properties: {sku: 'A-1'},
      context: {consent: {categoryPreferences: {C0001: true, C0004: true}}}},
    'Consent refused (C0004)': {type: 'track', event: 'Product Viewed', properties: {sku: 'A-2'},
      context: {consent: {categoryPreferences: {C0001: true, C0004: false}}}},
  };
  const SESSION = ['Identify, standard traits', 'Page, named', 'Track', 'Order Completed, products', 'Group'];
  return {DEFAULT_SETTINGS, SETTINGS_PRESETS, PRESETS, SESSION};
})();
