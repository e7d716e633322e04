//! macOS: Finder opens a document by sending the running (or just launched) application an
//! `odoc` Apple event, not by passing its path in `argv`. winit does not handle that event, so
//! Kairan installs its own handler for it with `NSAppleEventManager`.
//!
//! AppKit installs its default handlers before it posts
//! `NSApplicationWillFinishLaunchingNotification`, and delivers the event a cold start was
//! launched with after it; so the handler is installed when that notification arrives (Apple's
//! advice for handling `odoc` yourself), from an observer added before the event loop runs.
//!
//! Not built or tried on these machines (no macOS SDK); see the README.

// Talking to AppKit is Objective-C message sending, which Rust cannot check.
#![allow(unsafe_code)]

use objc2::rc::Retained;
use objc2::runtime::{AnyObject, NSObject};
use objc2::{AnyThread as _, define_class, msg_send, sel};
use objc2_foundation::{
    NSAppleEventDescriptor, NSAppleEventManager, NSNotification, NSNotificationCenter, NSString,
};

/// `kCoreEventClass`, 'aevt'.
const CORE_EVENT_CLASS: u32 = u32::from_be_bytes(*b"aevt");
/// `kAEOpenDocuments`, 'odoc'.
const OPEN_DOCUMENTS: u32 = u32::from_be_bytes(*b"odoc");
/// `keyDirectObject`, '----': the list of files.
const DIRECT_OBJECT: u32 = u32::from_be_bytes(*b"----");
/// `typeFileURL`, 'furl'.
const FILE_URL: u32 = u32::from_be_bytes(*b"furl");

define_class!(
    // SAFETY: NSObject has no subclassing requirements, and the class has no Drop.
    #[unsafe(super(NSObject))]
    #[name = "KairanOpenDocumentsHandler"]
    struct Handler;

    impl Handler {
        /// Observer of `NSApplicationWillFinishLaunchingNotification`.
        #[unsafe(method(applicationWillFinishLaunching:))]
        fn will_finish_launching(&self, _notification: &NSNotification) {
            let manager = NSAppleEventManager::sharedAppleEventManager();
            // SAFETY: the selector names a method of this class taking two event descriptors,
            // as NSAppleEventManager calls it; the handler lives for the whole process. The
            // event class and id are FourCharCodes (u32). (Sent directly: the generated method
            // needs the CoreServices bindings for those two integer types.)
            let () = unsafe {
                msg_send![
                    &*manager,
                    setEventHandler: self,
                    andSelector: sel!(handleOpenDocuments:withReplyEvent:),
                    forEventClass: CORE_EVENT_CLASS,
                    andEventID: OPEN_DOCUMENTS
                ]
            };
        }

        /// The `odoc` handler: each file's path goes to the viewer.
        #[unsafe(method(handleOpenDocuments:withReplyEvent:))]
        fn handle_open_documents(
            &self,
            event: &NSAppleEventDescriptor,
            _reply: &NSAppleEventDescriptor,
        ) {
            // SAFETY: `paramDescriptorForKeyword:` takes an AEKeyword (u32) and returns a
            // descriptor or nil.
            let files: Option<Retained<NSAppleEventDescriptor>> =
                unsafe { msg_send![event, paramDescriptorForKeyword: DIRECT_OBJECT] };
            let Some(files) = files else {
                return;
            };
            // Descriptor lists count from 1; a single file may come as the descriptor itself.
            let count = files.numberOfItems();
            let items: Vec<Retained<NSAppleEventDescriptor>> = if count == 0 {
                vec![files]
            } else {
                (1..=count)
                    .filter_map(|index| files.descriptorAtIndex(index))
                    .collect()
            };
            for item in items {
                // SAFETY: `coerceToDescriptorType:` takes a DescType (u32) and returns a
                // descriptor or nil.
                let url: Option<Retained<NSAppleEventDescriptor>> =
                    unsafe { msg_send![&*item, coerceToDescriptorType: FILE_URL] };
                let path = url
                    .and_then(|url| url.fileURLValue())
                    .and_then(|url| url.path());
                if let Some(path) = path {
                    super::hand_in(path.to_string().into());
                }
            }
        }
    }
);

/// Adds the observer that installs the `odoc` handler as the application finishes launching.
pub fn install() {
    // SAFETY: `init` of a plain NSObject subclass.
    let handler: Retained<Handler> = unsafe { msg_send![Handler::alloc(), init] };
    let name = NSString::from_str("NSApplicationWillFinishLaunchingNotification");
    // SAFETY: the observer method takes one NSNotification; the observer is kept alive below.
    unsafe {
        NSNotificationCenter::defaultCenter().addObserver_selector_name_object(
            &handler,
            sel!(applicationWillFinishLaunching:),
            Some(&name),
            None::<&AnyObject>,
        );
    }
    // The notification center does not retain its observers; the handler must outlive them.
    std::mem::forget(handler);
}
