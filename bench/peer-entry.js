// The esbuild entry of the peer bundle (make deps-bench): Segment's
// "Braze Web Mode (Actions)" plugin as the page global brazeDestination,
// the PluginFactory, with its presets, which become its subscriptions.
import factory, { destination } from '@segment/analytics-browser-actions-braze'

window.brazeDestination = factory
window.brazeDestinationPresets = destination.presets
