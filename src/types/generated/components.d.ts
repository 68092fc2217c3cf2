import type { Schema, Struct } from '@strapi/strapi';

export interface ContentAim extends Struct.ComponentSchema {
  collectionName: 'components_content_aims';
  info: {
    displayName: 'Objectif';
    icon: 'check';
  };
  attributes: {
    text: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 250;
      }>;
  };
}

export interface ContentOutlet extends Struct.ComponentSchema {
  collectionName: 'components_content_outlets';
  info: {
    description: "Le m\u00E9dia qui a publi\u00E9 l'article";
    displayName: 'M\u00E9dia';
    icon: 'globe';
  };
  attributes: {
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    website: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
  };
}

export interface ContentPrinciple extends Struct.ComponentSchema {
  collectionName: 'components_content_principles';
  info: {
    description: 'Un principe du manifeste';
    displayName: 'Principe';
    icon: 'feather';
  };
  attributes: {
    explanation: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
    statement: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 400;
      }>;
  };
}

export interface ContentQuote extends Struct.ComponentSchema {
  collectionName: 'components_content_quotes';
  info: {
    description: "Une courte citation et qui l'a dite";
    displayName: 'Citation';
    icon: 'quote';
  };
  attributes: {
    speaker: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    speakerRole: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    text: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 600;
      }>;
  };
}

export interface ContentTag extends Struct.ComponentSchema {
  collectionName: 'components_content_tags';
  info: {
    displayName: 'Mot-cl\u00E9';
    icon: 'hashtag';
  };
  attributes: {
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 60;
      }>;
  };
}

export interface MediaCreditedImage extends Struct.ComponentSchema {
  collectionName: 'components_media_credited_images';
  info: {
    description: 'Une image avec son texte alternatif, sa l\u00E9gende, son cr\u00E9dit et sa licence';
    displayName: 'Image cr\u00E9dit\u00E9e';
    icon: 'picture';
  };
  attributes: {
    alternativeText: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 250;
      }>;
    caption: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
    credit: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    image: Schema.Attribute.Media<'images'> & Schema.Attribute.Required;
    licence: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
  };
}

export interface ProgrammeLaunchEvent extends Struct.ComponentSchema {
  collectionName: 'components_programme_launch_events';
  info: {
    displayName: 'Lancement';
    icon: 'rocket';
  };
  attributes: {
    date: Schema.Attribute.Date;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    place: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface ProgrammeOutcomeFigure extends Struct.ComponentSchema {
  collectionName: 'components_programme_outcome_figures';
  info: {
    description: 'Un r\u00E9sultat chiffr\u00E9 et sa source';
    displayName: 'Chiffre cl\u00E9';
    icon: 'chartBubble';
  };
  attributes: {
    expectedValue: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    source: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    unit: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
    value: Schema.Attribute.Decimal &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
  };
}

export interface ProgrammePartnerRole extends Struct.ComponentSchema {
  collectionName: 'components_programme_partner_roles';
  info: {
    displayName: 'Partenaire et r\u00F4le';
    icon: 'handHeart';
  };
  attributes: {
    partner: Schema.Attribute.Relation<'oneToOne', 'api::partner.partner'>;
    role: Schema.Attribute.Enumeration<
      ['co-organiser', 'funder', 'event-partner', 'workshop-host', 'venue']
    > &
      Schema.Attribute.Required;
  };
}

export interface ProgrammeTerritory extends Struct.ComponentSchema {
  collectionName: 'components_programme_territories';
  info: {
    displayName: 'Territoire';
    icon: 'pinMap';
  };
  attributes: {
    department: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 80;
      }>;
    departmentCode: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 3;
      }>;
    region: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 80;
      }>;
  };
}

export interface ProgrammeWorkshop extends Struct.ComponentSchema {
  collectionName: 'components_programme_workshops';
  info: {
    displayName: 'Atelier';
    icon: 'presentation';
  };
  attributes: {
    host: Schema.Attribute.Relation<'oneToOne', 'api::partner.partner'>;
    startsAt: Schema.Attribute.DateTime;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seos';
  info: {
    description: 'Titre et description pour les moteurs de recherche et le partage';
    displayName: 'SEO';
    icon: 'search';
  };
  attributes: {
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 70;
      }>;
    noIndex: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'content.aim': ContentAim;
      'content.outlet': ContentOutlet;
      'content.principle': ContentPrinciple;
      'content.quote': ContentQuote;
      'content.tag': ContentTag;
      'media.credited-image': MediaCreditedImage;
      'programme.launch-event': ProgrammeLaunchEvent;
      'programme.outcome-figure': ProgrammeOutcomeFigure;
      'programme.partner-role': ProgrammePartnerRole;
      'programme.territory': ProgrammeTerritory;
      'programme.workshop': ProgrammeWorkshop;
      'shared.seo': SharedSeo;
    }
  }
}
