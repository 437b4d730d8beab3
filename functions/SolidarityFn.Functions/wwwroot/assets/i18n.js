// Every UI string of the contributor's pages, in English, French and Spanish.
// Campaign content (title, prompt, slogans, consent text) comes from the API as the organizers wrote it.
// The language is chosen from the saved choice, else navigator.languages, else English.

const STORAGE_KEY = 'solidarity.lang';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
];

const STRINGS = {
  en: {
    'lang.nav': 'Language',
    'common.loading': 'Loading…',
    'common.retry': 'Try again',
    'common.noscript': 'This page needs JavaScript.',

    'upload.docTitle': 'Send your solidarity clip',
    'upload.hashtags': 'Hashtags',
    'upload.requiredNote': 'Every field is required unless it says “optional”.',
    'upload.invalid.title': 'This link is not valid',
    'upload.invalid.body': 'Check that you copied the whole link from your group chat, or ask the organizers for a new one.',
    'upload.deadline': 'Closes {when} ({date}).',
    'upload.closed.title': 'This call is closed',
    'upload.closed.body': 'Thank you for your support. The organizers are no longer collecting clips for this campaign.',
    'upload.loadFailed.title': 'The page could not load',
    'upload.loadFailed.body': 'Check your connection and try again.',

    'step.file': '1. Your video or photo',
    'step.about': '2. About you',
    'step.caption': '3. Your message',
    'step.consent': '4. Your consent',

    'field.file': 'Video or photo',
    'file.choose': 'Choose a video or photo',
    'file.change': 'Choose another file',
    'file.hint': 'A {min}–{max} second video, or a photo. Up to {size}. You can record a new one or pick one from your gallery.',
    'file.chosen': 'Selected: {name} ({size})',
    'file.preview': 'Preview of your file',
    'file.longWarning': 'Your clip is {seconds} seconds long: only the first {max} seconds will be used.',
    'file.shortWarning': 'Your clip is only {seconds} seconds long. Clips of at least {min} seconds work best.',

    'field.displayName': 'Your name (optional)',
    'hint.displayName': 'Leave it empty to stay anonymous.',
    'field.union': 'Union or local',
    'hint.union': 'For example: CUPE Local 3903',
    'field.sector': 'Sector or workplace',
    'hint.sector': 'For example: hospital nurses, city bus drivers',
    'field.city': 'City',
    'hint.city': 'For example: Toronto',
    'field.caption': 'Caption',
    'hint.caption': 'Shown with your clip. Tap a slogan to start from it.',
    'slogans.label': 'Slogans',
    'caption.counter': '{count} / {max} characters',
    'caption.blankHint': 'Replace ____ with your city or workplace.',

    'consent.label': 'I agree',
    'consent.field': 'Consent',
    'consent.textLabel': 'Consent text',
    'consent.retention.one': 'Your file and what you type here are deleted 1 day after this campaign ends; finished videos made with your clip stay with the organizers. You can withdraw at any time from your receipt link: everything is then deleted at once, finished videos included.',
    'consent.retention.other': 'Your file and what you type here are deleted {days} days after this campaign ends; finished videos made with your clip stay with the organizers. You can withdraw at any time from your receipt link: everything is then deleted at once, finished videos included.',

    'submit': 'Send my clip',
    'submit.busy': 'Starting…',

    'err.summary': 'Some fields need attention.',
    'err.summaryBody': 'Please correct:',
    'err.item': '{field}: {message}',
    'err.required': 'This field is required.',
    'err.tooLong': 'At most {max} characters.',
    'err.controlChars': 'Remove line breaks and special characters.',
    'err.consent': 'Tick “I agree” to send your clip.',
    'err.consentVersion': 'The consent text has changed since you opened this page. Reload the page, read it again and agree.',
    'err.file.required': 'Choose a video or photo.',
    'err.file.type': 'This kind of file is not accepted. Send a photo (JPEG, PNG, WebP, HEIC, AVIF) or a video (MP4, MOV, 3GP, WebM).',
    'err.file.size': 'This file is too large ({size}). The limit is {max}. Send a shorter clip.',
    'err.file.empty': 'This file is empty. Choose another one.',
    'err.language': 'The page language was not accepted. Reload the page and try again.',
    'err.fieldGeneric': 'Check this field.',
    'err.problem': 'Something went wrong.',
    'err.network': 'No connection. Check your network and try again.',
    'err.server': 'Something went wrong on our side. Please try again in a moment.',
    'err.tooMany': 'Too many uploads from this connection. Please wait {seconds} seconds and try again.',
    'err.tooManyNoTime': 'Too many uploads from this connection. Please wait a few minutes and try again.',
    'err.closed': 'This campaign is no longer accepting clips. Thank you for your support.',

    'progress.heading': 'Sending your clip',
    'progress.label': 'Upload progress',
    'progress.bytes': '{sent} of {total}',
    'progress.keepOpen': 'Keep this page open until it says “Thank you”.',
    'progress.retrying': 'Connection problem. Trying again in {seconds} s…',
    'progress.offline': 'You are offline. The upload will continue by itself when the connection comes back.',
    'progress.finishing': 'Finishing…',
    'progress.complete': 'Upload complete',
    'progress.cancel': 'Cancel',
    'progress.backToForm': 'Back to the form',
    'progress.leaveWarning': 'Your clip is still being sent.',
    'upload.failed.title': 'The upload stopped',
    'upload.failed.expired': 'The upload link expired before the file finished. Tap “Try again” to start a new upload.',
    'upload.failed.network': 'The connection kept failing. Check your network, then tap “Try again”: the parts already sent are kept.',
    'upload.failed.rejected': 'The storage refused the file. Tap “Try again” to start a new upload.',
    'upload.failed.cancelled': 'Upload cancelled.',

    'done.title': 'Thank you!',
    'done.body': 'Your clip has been sent. The organizers review every submission before the video is made.',
    'done.receiptLabel': 'Your private receipt link',
    'done.note': 'Keep this link private and save it now: it is shown only once. With it you can check your submission and withdraw it at any time (your media will then be deleted).',
    'done.copy': 'Copy link',
    'done.copied': 'Link copied.',
    'done.copyFailed': 'Could not copy. Press and hold the link to copy it.',
    'done.open': 'Open my receipt',
    'done.another': 'Send another clip',

    'receipt.docTitle': 'Your solidarity clip: receipt',
    'receipt.title': 'Your submission',
    'receipt.statusLabel': 'Status',
    'receipt.updated': 'Updated at {time}. This page refreshes by itself.',
    'receipt.updatedFinal': 'Updated at {time}.',
    'receipt.connection': 'Could not reach the server. Trying again…',
    'receipt.notFound.title': 'Receipt not found',
    'receipt.notFound.body': 'This receipt link is incomplete or not valid. Use the full link you got after sending your clip, including everything after the “#”.',
    'receipt.thumbnail': 'Your clip',
    'receipt.source.photo': 'Photo, {width} × {height}',
    'receipt.source.video': 'Video, {width} × {height}, {seconds} s',
    'receipt.source.sound': 'with sound',
    'receipt.source.noSound': 'no sound',
    'receipt.details': 'Details',
    'receipt.privacy': 'This page is private: only someone with your link can see it. Don’t share the link.',
    'receipt.withdraw': 'Withdraw my submission',
    'receipt.withdraw.confirm': 'Withdraw your submission? Your video or photo will be deleted and will not be used. This cannot be undone.',
    'receipt.withdraw.yes': 'Yes, withdraw and delete',
    'receipt.withdraw.no': 'No, keep it',
    'receipt.withdraw.busy': 'Withdrawing…',
    'receipt.withdraw.done': 'Withdrawn: your media has been deleted.',
    'receipt.withdraw.failed': 'Could not withdraw right now. Please try again.',

    'status.Issued': 'Waiting for your file',
    'status.Uploaded': 'Uploaded',
    'status.Processing': 'Being prepared',
    'status.Ready': 'Waiting for review',
    'status.Approved': 'Approved',
    'status.Rejected': 'Not included',
    'status.Failed': 'Could not be used',
    'status.Withdrawn': 'Withdrawn',
    'status.Expired': 'Link expired',
    'next.Issued': 'Your file has not arrived yet. If the upload stopped, open the campaign link again to send it.',
    'next.Uploaded': 'Your file arrived safely. It will be checked and prepared shortly.',
    'next.Processing': 'We are preparing your clip for the video. This usually takes a minute.',
    'next.Ready': 'Your clip is ready. The organizers will review it before the video is made.',
    'next.Approved': 'Your clip will be part of the solidarity video. Thank you!',
    'next.Rejected': 'The organizers did not include this clip. Thank you for taking part.',
    'next.Failed': 'We could not use this file. You can send another one with the campaign link.',
    'next.Withdrawn': 'Withdrawn: your media has been deleted.',
    'next.Expired': 'The file did not arrive before the upload link expired. Open the campaign link again to send it.',
    'reason.unsupported_media': 'This kind of file is not supported.',
    'reason.too_large': 'The file is too large.',
    'reason.too_long': 'The clip is too long.',
    'reason.too_short': 'The clip is too short.',
    'reason.corrupt': 'The file is damaged or incomplete.',
    'reason.timeout': 'The file took too long to process.',
    'reason.expired': 'The upload link expired.',
    'reason.processing_failed': 'Something went wrong on our side. Your file is safe and the organizers are looking at it: you do not need to send it again.',
  },

  fr: {
    'lang.nav': 'Langue',
    'common.loading': 'Chargement…',
    'common.retry': 'Réessayer',
    'common.noscript': 'Cette page a besoin de JavaScript.',

    'upload.docTitle': 'Envoyez votre clip de solidarité',
    'upload.hashtags': 'Mots-clics',
    'upload.requiredNote': 'Tous les champs sont obligatoires, sauf ceux marqués «\u00a0facultatif\u00a0».',
    'upload.invalid.title': 'Ce lien n’est pas valide',
    'upload.invalid.body': 'Vérifiez que vous avez copié le lien en entier depuis votre groupe de discussion, ou demandez-en un nouveau aux organisateurs.',
    'upload.deadline': 'Fermeture {when} ({date}).',
    'upload.closed.title': 'Cet appel est terminé',
    'upload.closed.body': 'Merci de votre soutien. Les organisateurs ne recueillent plus de clips pour cette campagne.',
    'upload.loadFailed.title': 'La page n’a pas pu se charger',
    'upload.loadFailed.body': 'Vérifiez votre connexion et réessayez.',

    'step.file': '1. Votre vidéo ou photo',
    'step.about': '2. Qui êtes-vous',
    'step.caption': '3. Votre message',
    'step.consent': '4. Votre consentement',

    'field.file': 'Vidéo ou photo',
    'file.choose': 'Choisir une vidéo ou une photo',
    'file.change': 'Choisir un autre fichier',
    'file.hint': 'Une vidéo de {min} à {max} secondes, ou une photo. Jusqu’à {size}. Vous pouvez filmer maintenant ou choisir dans votre galerie.',
    'file.chosen': 'Fichier choisi\u00a0: {name} ({size})',
    'file.preview': 'Aperçu de votre fichier',
    'file.longWarning': 'Votre clip dure {seconds} secondes\u00a0: seules les {max} premières secondes seront utilisées.',
    'file.shortWarning': 'Votre clip ne dure que {seconds} secondes. Les clips d’au moins {min} secondes fonctionnent mieux.',

    'field.displayName': 'Votre nom (facultatif)',
    'hint.displayName': 'Laissez vide pour rester anonyme.',
    'field.union': 'Syndicat ou section locale',
    'hint.union': 'Par exemple\u00a0: SCFP section locale 3903',
    'field.sector': 'Secteur ou lieu de travail',
    'hint.sector': 'Par exemple\u00a0: infirmières d’hôpital, chauffeurs d’autobus',
    'field.city': 'Ville',
    'hint.city': 'Par exemple\u00a0: Montréal',
    'field.caption': 'Légende',
    'hint.caption': 'Affichée avec votre clip. Touchez un slogan pour partir de celui-ci.',
    'slogans.label': 'Slogans',
    'caption.counter': '{count} / {max} caractères',
    'caption.blankHint': 'Remplacez ____ par votre ville ou votre lieu de travail.',

    'consent.label': 'J’accepte',
    'consent.field': 'Consentement',
    'consent.textLabel': 'Texte du consentement',
    'consent.retention.one': 'Votre fichier et ce que vous écrivez ici sont supprimés 1\u00a0jour après la fin de cette campagne\u00a0; les vidéos finies faites avec votre clip restent chez les organisateurs. Vous pouvez retirer votre envoi à tout moment depuis votre lien de reçu\u00a0: tout est alors supprimé aussitôt, vidéos finies comprises.',
    'consent.retention.other': 'Votre fichier et ce que vous écrivez ici sont supprimés {days}\u00a0jours après la fin de cette campagne\u00a0; les vidéos finies faites avec votre clip restent chez les organisateurs. Vous pouvez retirer votre envoi à tout moment depuis votre lien de reçu\u00a0: tout est alors supprimé aussitôt, vidéos finies comprises.',

    'submit': 'Envoyer mon clip',
    'submit.busy': 'Démarrage…',

    'err.summary': 'Certains champs sont à corriger.',
    'err.summaryBody': 'Veuillez corriger\u00a0:',
    'err.item': '{field}\u00a0: {message}',
    'err.required': 'Ce champ est obligatoire.',
    'err.tooLong': '{max} caractères au maximum.',
    'err.controlChars': 'Retirez les retours à la ligne et les caractères spéciaux.',
    'err.consent': 'Cochez «\u00a0J’accepte\u00a0» pour envoyer votre clip.',
    'err.consentVersion': 'Le texte du consentement a changé depuis l’ouverture de cette page. Rechargez la page, relisez-le et acceptez-le.',
    'err.file.required': 'Choisissez une vidéo ou une photo.',
    'err.file.type': 'Ce type de fichier n’est pas accepté. Envoyez une photo (JPEG, PNG, WebP, HEIC, AVIF) ou une vidéo (MP4, MOV, 3GP, WebM).',
    'err.file.size': 'Ce fichier est trop volumineux ({size}). La limite est de {max}. Envoyez un clip plus court.',
    'err.file.empty': 'Ce fichier est vide. Choisissez-en un autre.',
    'err.language': 'La langue de la page n’a pas été acceptée. Rechargez la page et réessayez.',
    'err.fieldGeneric': 'Vérifiez ce champ.',
    'err.problem': 'Un problème est survenu.',
    'err.network': 'Pas de connexion. Vérifiez votre réseau et réessayez.',
    'err.server': 'Un problème est survenu de notre côté. Réessayez dans un instant.',
    'err.tooMany': 'Trop d’envois depuis cette connexion. Attendez {seconds} secondes et réessayez.',
    'err.tooManyNoTime': 'Trop d’envois depuis cette connexion. Attendez quelques minutes et réessayez.',
    'err.closed': 'Cette campagne n’accepte plus de clips. Merci de votre soutien.',

    'progress.heading': 'Envoi de votre clip',
    'progress.label': 'Progression de l’envoi',
    'progress.bytes': '{sent} sur {total}',
    'progress.keepOpen': 'Gardez cette page ouverte jusqu’au message «\u00a0Merci\u00a0».',
    'progress.retrying': 'Problème de connexion. Nouvel essai dans {seconds}\u00a0s…',
    'progress.offline': 'Vous êtes hors ligne. L’envoi reprendra tout seul au retour de la connexion.',
    'progress.finishing': 'Finalisation…',
    'progress.complete': 'Envoi terminé',
    'progress.cancel': 'Annuler',
    'progress.backToForm': 'Retour au formulaire',
    'progress.leaveWarning': 'Votre clip est encore en cours d’envoi.',
    'upload.failed.title': 'L’envoi s’est arrêté',
    'upload.failed.expired': 'Le lien d’envoi a expiré avant la fin. Touchez «\u00a0Réessayer\u00a0» pour recommencer l’envoi.',
    'upload.failed.network': 'La connexion échoue sans cesse. Vérifiez votre réseau, puis touchez «\u00a0Réessayer\u00a0»\u00a0: les parties déjà envoyées sont conservées.',
    'upload.failed.rejected': 'Le stockage a refusé le fichier. Touchez «\u00a0Réessayer\u00a0» pour recommencer l’envoi.',
    'upload.failed.cancelled': 'Envoi annulé.',

    'done.title': 'Merci\u00a0!',
    'done.body': 'Votre clip a bien été envoyé. Les organisateurs examinent chaque envoi avant de monter la vidéo.',
    'done.receiptLabel': 'Votre lien de reçu privé',
    'done.note': 'Gardez ce lien privé et enregistrez-le maintenant\u00a0: il n’est affiché qu’une fois. Il vous permet de suivre votre envoi et de le retirer à tout moment (votre média sera alors supprimé).',
    'done.copy': 'Copier le lien',
    'done.copied': 'Lien copié.',
    'done.copyFailed': 'Impossible de copier. Appuyez longuement sur le lien pour le copier.',
    'done.open': 'Ouvrir mon reçu',
    'done.another': 'Envoyer un autre clip',

    'receipt.docTitle': 'Votre clip de solidarité\u00a0: reçu',
    'receipt.title': 'Votre envoi',
    'receipt.statusLabel': 'État',
    'receipt.updated': 'Mis à jour à {time}. Cette page se met à jour toute seule.',
    'receipt.updatedFinal': 'Mis à jour à {time}.',
    'receipt.connection': 'Impossible de joindre le serveur. Nouvel essai…',
    'receipt.notFound.title': 'Reçu introuvable',
    'receipt.notFound.body': 'Ce lien de reçu est incomplet ou n’est pas valide. Utilisez le lien complet obtenu après l’envoi de votre clip, y compris tout ce qui suit le «\u00a0#\u00a0».',
    'receipt.thumbnail': 'Votre clip',
    'receipt.source.photo': 'Photo, {width} × {height}',
    'receipt.source.video': 'Vidéo, {width} × {height}, {seconds}\u00a0s',
    'receipt.source.sound': 'avec son',
    'receipt.source.noSound': 'sans son',
    'receipt.details': 'Détails',
    'receipt.privacy': 'Cette page est privée\u00a0: seule une personne ayant votre lien peut la voir. Ne partagez pas le lien.',
    'receipt.withdraw': 'Retirer mon envoi',
    'receipt.withdraw.confirm': 'Retirer votre envoi\u00a0? Votre vidéo ou photo sera supprimée et ne sera pas utilisée. C’est définitif.',
    'receipt.withdraw.yes': 'Oui, retirer et supprimer',
    'receipt.withdraw.no': 'Non, le garder',
    'receipt.withdraw.busy': 'Retrait en cours…',
    'receipt.withdraw.done': 'Retiré\u00a0: votre média a été supprimé.',
    'receipt.withdraw.failed': 'Impossible de retirer l’envoi pour le moment. Réessayez.',

    'status.Issued': 'En attente de votre fichier',
    'status.Uploaded': 'Reçu',
    'status.Processing': 'En préparation',
    'status.Ready': 'En attente de révision',
    'status.Approved': 'Accepté',
    'status.Rejected': 'Non retenu',
    'status.Failed': 'Inutilisable',
    'status.Withdrawn': 'Retiré',
    'status.Expired': 'Lien expiré',
    'next.Issued': 'Votre fichier n’est pas encore arrivé. Si l’envoi s’est arrêté, rouvrez le lien de la campagne pour l’envoyer.',
    'next.Uploaded': 'Votre fichier est bien arrivé. Il sera vérifié et préparé sous peu.',
    'next.Processing': 'Nous préparons votre clip pour la vidéo. Cela prend en général une minute.',
    'next.Ready': 'Votre clip est prêt. Les organisateurs l’examineront avant de monter la vidéo.',
    'next.Approved': 'Votre clip fera partie de la vidéo de solidarité. Merci\u00a0!',
    'next.Rejected': 'Les organisateurs n’ont pas retenu ce clip. Merci d’avoir participé.',
    'next.Failed': 'Nous n’avons pas pu utiliser ce fichier. Vous pouvez en envoyer un autre avec le lien de la campagne.',
    'next.Withdrawn': 'Retiré\u00a0: votre média a été supprimé.',
    'next.Expired': 'Le fichier n’est pas arrivé avant l’expiration du lien d’envoi. Rouvrez le lien de la campagne pour l’envoyer.',
    'reason.unsupported_media': 'Ce type de fichier n’est pas pris en charge.',
    'reason.too_large': 'Le fichier est trop volumineux.',
    'reason.too_long': 'Le clip est trop long.',
    'reason.too_short': 'Le clip est trop court.',
    'reason.corrupt': 'Le fichier est endommagé ou incomplet.',
    'reason.timeout': 'Le traitement du fichier a pris trop de temps.',
    'reason.expired': 'Le lien d’envoi a expiré.',
    'reason.processing_failed': 'Un problème est survenu de notre côté. Votre fichier est en sécurité et les organisateurs s’en occupent\u00a0: inutile de l’envoyer à nouveau.',
  },

  es: {
    'lang.nav': 'Idioma',
    'common.loading': 'Cargando…',
    'common.retry': 'Intentar de nuevo',
    'common.noscript': 'Esta página necesita JavaScript.',

    'upload.docTitle': 'Envía tu clip de solidaridad',
    'upload.hashtags': 'Etiquetas',
    'upload.requiredNote': 'Todos los campos son obligatorios, salvo los marcados como «opcional».',
    'upload.invalid.title': 'Este enlace no es válido',
    'upload.invalid.body': 'Comprueba que copiaste el enlace completo del chat de tu grupo, o pide uno nuevo a los organizadores.',
    'upload.deadline': 'Cierra {when} ({date}).',
    'upload.closed.title': 'Esta convocatoria está cerrada',
    'upload.closed.body': 'Gracias por tu apoyo. Los organizadores ya no reciben clips para esta campaña.',
    'upload.loadFailed.title': 'No se pudo cargar la página',
    'upload.loadFailed.body': 'Comprueba tu conexión e inténtalo de nuevo.',

    'step.file': '1. Tu video o foto',
    'step.about': '2. Quién eres',
    'step.caption': '3. Tu mensaje',
    'step.consent': '4. Tu consentimiento',

    'field.file': 'Video o foto',
    'file.choose': 'Elegir un video o una foto',
    'file.change': 'Elegir otro archivo',
    'file.hint': 'Un video de {min} a {max} segundos, o una foto. Hasta {size}. Puedes grabar uno ahora o elegirlo de tu galería.',
    'file.chosen': 'Archivo elegido: {name} ({size})',
    'file.preview': 'Vista previa de tu archivo',
    'file.longWarning': 'Tu clip dura {seconds} segundos: solo se usarán los primeros {max} segundos.',
    'file.shortWarning': 'Tu clip dura solo {seconds} segundos. Los clips de al menos {min} segundos funcionan mejor.',

    'field.displayName': 'Tu nombre (opcional)',
    'hint.displayName': 'Déjalo vacío para mantenerte en el anonimato.',
    'field.union': 'Sindicato o sección local',
    'hint.union': 'Por ejemplo: SEIU Local 26',
    'field.sector': 'Sector o lugar de trabajo',
    'hint.sector': 'Por ejemplo: enfermeras de hospital, choferes de autobús',
    'field.city': 'Ciudad',
    'hint.city': 'Por ejemplo: Minneapolis',
    'field.caption': 'Leyenda',
    'hint.caption': 'Se muestra con tu clip. Toca un lema para empezar con él.',
    'slogans.label': 'Lemas',
    'caption.counter': '{count} / {max} caracteres',
    'caption.blankHint': 'Reemplaza ____ por tu ciudad o lugar de trabajo.',

    'consent.label': 'Acepto',
    'consent.field': 'Consentimiento',
    'consent.textLabel': 'Texto del consentimiento',
    'consent.retention.one': 'Tu archivo y lo que escribes aquí se borran 1 día después del final de esta campaña; los videos terminados hechos con tu clip se quedan con los organizadores. Puedes retirar tu envío en cualquier momento desde tu enlace de recibo: entonces se borra todo de inmediato, videos terminados incluidos.',
    'consent.retention.other': 'Tu archivo y lo que escribes aquí se borran {days} días después del final de esta campaña; los videos terminados hechos con tu clip se quedan con los organizadores. Puedes retirar tu envío en cualquier momento desde tu enlace de recibo: entonces se borra todo de inmediato, videos terminados incluidos.',

    'submit': 'Enviar mi clip',
    'submit.busy': 'Iniciando…',

    'err.summary': 'Algunos campos necesitan atención.',
    'err.summaryBody': 'Corrige, por favor:',
    'err.item': '{field}: {message}',
    'err.required': 'Este campo es obligatorio.',
    'err.tooLong': 'Como máximo {max} caracteres.',
    'err.controlChars': 'Quita los saltos de línea y los caracteres especiales.',
    'err.consent': 'Marca «Acepto» para enviar tu clip.',
    'err.consentVersion': 'El texto del consentimiento cambió desde que abriste esta página. Recarga la página, léelo de nuevo y acéptalo.',
    'err.file.required': 'Elige un video o una foto.',
    'err.file.type': 'Este tipo de archivo no se acepta. Envía una foto (JPEG, PNG, WebP, HEIC, AVIF) o un video (MP4, MOV, 3GP, WebM).',
    'err.file.size': 'Este archivo es demasiado grande ({size}). El límite es {max}. Envía un clip más corto.',
    'err.file.empty': 'Este archivo está vacío. Elige otro.',
    'err.language': 'No se aceptó el idioma de la página. Recarga la página e inténtalo de nuevo.',
    'err.fieldGeneric': 'Revisa este campo.',
    'err.problem': 'Algo salió mal.',
    'err.network': 'Sin conexión. Comprueba tu red e inténtalo de nuevo.',
    'err.server': 'Algo salió mal de nuestro lado. Inténtalo de nuevo en un momento.',
    'err.tooMany': 'Demasiados envíos desde esta conexión. Espera {seconds} segundos e inténtalo de nuevo.',
    'err.tooManyNoTime': 'Demasiados envíos desde esta conexión. Espera unos minutos e inténtalo de nuevo.',
    'err.closed': 'Esta campaña ya no acepta clips. Gracias por tu apoyo.',

    'progress.heading': 'Enviando tu clip',
    'progress.label': 'Progreso del envío',
    'progress.bytes': '{sent} de {total}',
    'progress.keepOpen': 'Mantén esta página abierta hasta que diga «Gracias».',
    'progress.retrying': 'Problema de conexión. Nuevo intento en {seconds} s…',
    'progress.offline': 'Estás sin conexión. El envío seguirá solo cuando vuelva la conexión.',
    'progress.finishing': 'Terminando…',
    'progress.complete': 'Envío completo',
    'progress.cancel': 'Cancelar',
    'progress.backToForm': 'Volver al formulario',
    'progress.leaveWarning': 'Tu clip todavía se está enviando.',
    'upload.failed.title': 'El envío se detuvo',
    'upload.failed.expired': 'El enlace de envío caducó antes de terminar. Toca «Intentar de nuevo» para empezar un nuevo envío.',
    'upload.failed.network': 'La conexión sigue fallando. Revisa tu red y toca «Intentar de nuevo»: las partes ya enviadas se conservan.',
    'upload.failed.rejected': 'El almacenamiento rechazó el archivo. Toca «Intentar de nuevo» para empezar un nuevo envío.',
    'upload.failed.cancelled': 'Envío cancelado.',

    'done.title': '¡Gracias!',
    'done.body': 'Tu clip se envió. Los organizadores revisan cada envío antes de hacer el video.',
    'done.receiptLabel': 'Tu enlace de recibo privado',
    'done.note': 'Mantén este enlace en privado y guárdalo ahora: solo se muestra una vez. Con él puedes ver tu envío y retirarlo en cualquier momento (tu archivo se borrará).',
    'done.copy': 'Copiar enlace',
    'done.copied': 'Enlace copiado.',
    'done.copyFailed': 'No se pudo copiar. Mantén pulsado el enlace para copiarlo.',
    'done.open': 'Abrir mi recibo',
    'done.another': 'Enviar otro clip',

    'receipt.docTitle': 'Tu clip de solidaridad: recibo',
    'receipt.title': 'Tu envío',
    'receipt.statusLabel': 'Estado',
    'receipt.updated': 'Actualizado a las {time}. Esta página se actualiza sola.',
    'receipt.updatedFinal': 'Actualizado a las {time}.',
    'receipt.connection': 'No se pudo conectar con el servidor. Reintentando…',
    'receipt.notFound.title': 'Recibo no encontrado',
    'receipt.notFound.body': 'Este enlace de recibo está incompleto o no es válido. Usa el enlace completo que recibiste al enviar tu clip, incluido todo lo que va después de «#».',
    'receipt.thumbnail': 'Tu clip',
    'receipt.source.photo': 'Foto, {width} × {height}',
    'receipt.source.video': 'Video, {width} × {height}, {seconds} s',
    'receipt.source.sound': 'con sonido',
    'receipt.source.noSound': 'sin sonido',
    'receipt.details': 'Detalles',
    'receipt.privacy': 'Esta página es privada: solo alguien con tu enlace puede verla. No compartas el enlace.',
    'receipt.withdraw': 'Retirar mi envío',
    'receipt.withdraw.confirm': '¿Retirar tu envío? Tu video o foto se borrará y no se usará. No se puede deshacer.',
    'receipt.withdraw.yes': 'Sí, retirar y borrar',
    'receipt.withdraw.no': 'No, conservarlo',
    'receipt.withdraw.busy': 'Retirando…',
    'receipt.withdraw.done': 'Retirado: tu archivo ha sido borrado.',
    'receipt.withdraw.failed': 'No se pudo retirar ahora. Inténtalo de nuevo.',

    'status.Issued': 'Esperando tu archivo',
    'status.Uploaded': 'Recibido',
    'status.Processing': 'En preparación',
    'status.Ready': 'Esperando revisión',
    'status.Approved': 'Aprobado',
    'status.Rejected': 'No incluido',
    'status.Failed': 'No se pudo usar',
    'status.Withdrawn': 'Retirado',
    'status.Expired': 'Enlace caducado',
    'next.Issued': 'Tu archivo todavía no ha llegado. Si el envío se detuvo, abre de nuevo el enlace de la campaña para enviarlo.',
    'next.Uploaded': 'Tu archivo llegó bien. Pronto se revisará y preparará.',
    'next.Processing': 'Estamos preparando tu clip para el video. Suele tardar un minuto.',
    'next.Ready': 'Tu clip está listo. Los organizadores lo revisarán antes de hacer el video.',
    'next.Approved': 'Tu clip formará parte del video de solidaridad. ¡Gracias!',
    'next.Rejected': 'Los organizadores no incluyeron este clip. Gracias por participar.',
    'next.Failed': 'No pudimos usar este archivo. Puedes enviar otro con el enlace de la campaña.',
    'next.Withdrawn': 'Retirado: tu archivo ha sido borrado.',
    'next.Expired': 'El archivo no llegó antes de que caducara el enlace de envío. Abre de nuevo el enlace de la campaña para enviarlo.',
    'reason.unsupported_media': 'Este tipo de archivo no es compatible.',
    'reason.too_large': 'El archivo es demasiado grande.',
    'reason.too_long': 'El clip es demasiado largo.',
    'reason.too_short': 'El clip es demasiado corto.',
    'reason.corrupt': 'El archivo está dañado o incompleto.',
    'reason.timeout': 'El archivo tardó demasiado en procesarse.',
    'reason.expired': 'El enlace de envío caducó.',
    'reason.processing_failed': 'Algo falló de nuestro lado. Tu archivo está a salvo y los organizadores lo están revisando: no hace falta que lo vuelvas a enviar.',
  },
};

const listeners = [];
// The organizers' page speaks fewer languages than the contributors' pages; see useLanguages.
let offered = LANGUAGES;
let current = detect();

function supported(code) {
  return offered.some((l) => l.code === code);
}

/** Adds a page's own strings ({en: {...}, fr: {...}}) to the shared tables. */
export function addStrings(tables) {
  for (const [code, table] of Object.entries(tables)) {
    STRINGS[code] = { ...(STRINGS[code] || {}), ...table };
  }
}

/** Limits the languages a page offers (and detects among them); call before mountLanguageSwitcher. */
export function useLanguages(codes) {
  offered = LANGUAGES.filter((l) => codes.includes(l.code));
  current = detect();
}

function readSaved() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, settings): fall back to the browser's languages
  }
}

function detect() {
  const saved = readSaved();
  if (saved && supported(saved)) {
    return saved;
  }
  const preferred = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
  for (const tag of preferred) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (supported(base)) {
      return base;
    }
  }
  return 'en';
}

/** The current UI language code: en, fr or es. */
export function lang() {
  return current;
}

/** A translated string; {name} placeholders are filled from vars. Unknown keys fall back to English, then to the key. */
export function t(key, vars) {
  const table = STRINGS[current] || STRINGS.en;
  let text = table[key] ?? STRINGS.en[key] ?? key;
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }
  return text;
}

/** Whether a string key exists (used to translate server reason codes only when known). */
export function has(key) {
  return key in STRINGS.en;
}

/** Fills every element marked data-i18n (text) and data-i18n-aria-label (accessible name). */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}

export function setLang(code) {
  if (!supported(code)) {
    return;
  }
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // not persisted; the choice still holds for this page
  }
  refresh();
}

function refresh() {
  document.documentElement.lang = current;
  applyStatic();
  for (const button of document.querySelectorAll('[data-lang-choice]')) {
    button.setAttribute('aria-pressed', String(button.dataset.langChoice === current));
  }
  for (const fn of listeners) {
    fn(current);
  }
}

/** Builds the visible language buttons inside the given container and applies the current language. */
export function mountLanguageSwitcher(container) {
  container.replaceChildren();
  for (const { code, name } of offered) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lang-button';
    button.lang = code;
    button.dataset.langChoice = code;
    button.textContent = name;
    button.addEventListener('click', () => setLang(code));
    container.append(button);
  }
  refresh();
}

/**
 * A byte count for people: "1.2 MB", "500 MB" in the current language. Binary multiples, as limits are
 * configured (500 MB = 500 × 1024 × 1024) and as phones' galleries show sizes.
 */
export function formatBytes(bytes) {
  const units = [['gigabyte', 1024 ** 3], ['megabyte', 1024 ** 2], ['kilobyte', 1024]];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      return formatUnit(bytes / size, unit);
    }
  }
  return formatUnit(bytes, 'byte');
}

function formatUnit(value, unit) {
  const digits = value >= 100 ? 0 : 1;
  try {
    return new Intl.NumberFormat(current, { style: 'unit', unit, maximumFractionDigits: digits }).format(value);
  } catch {
    const short = { gigabyte: 'GB', megabyte: 'MB', kilobyte: 'kB', byte: 'B' }[unit];
    return `${value.toFixed(digits)} ${short}`;
  }
}

export function formatPercent(fraction) {
  try {
    return new Intl.NumberFormat(current, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
  } catch {
    return `${Math.round(fraction * 100)} %`;
  }
}

export function formatNumber(value, maximumFractionDigits = 1) {
  try {
    return new Intl.NumberFormat(current, { maximumFractionDigits }).format(value);
  } catch {
    return String(Math.round(value * 10) / 10);
  }
}

export function formatTime(date) {
  try {
    return new Intl.DateTimeFormat(current, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(date);
  } catch {
    return date.toLocaleTimeString();
  }
}

/** The name of a language in the page's language ("French", "français"), or its code. */
export function languageName(code, pageLanguage = current) {
  try {
    return new Intl.DisplayNames([pageLanguage], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}
