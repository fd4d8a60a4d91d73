"""Certifications, portfolio items and sanction reasons the generator attaches to profiles."""

from __future__ import annotations

from indexer.generate.roles import Domain
from indexer.profile.enums import SanctionKind

#: Real certifications per domain: (name, issuer).
CERTIFICATIONS: dict[Domain, tuple[tuple[str, str], ...]] = {
    Domain.SOFTWARE: (
        ("AWS Certified Solutions Architect – Associate", "Amazon Web Services"),
        ("AWS Certified Developer – Associate", "Amazon Web Services"),
        ("Certified Kubernetes Administrator (CKA)", "Cloud Native Computing Foundation"),
        ("Microsoft Certified: Azure Developer Associate", "Microsoft"),
        ("Google Cloud Professional Cloud Architect", "Google Cloud"),
        ("Oracle Certified Professional: Java SE 17 Developer", "Oracle"),
        ("HashiCorp Certified: Terraform Associate", "HashiCorp"),
        ("ISTQB Certified Tester Foundation Level", "ISTQB"),
        ("CISSP", "ISC2"),
    ),
    Domain.DATA: (
        ("Google Cloud Professional Data Engineer", "Google Cloud"),
        ("Databricks Certified Data Engineer Associate", "Databricks"),
        ("Microsoft Certified: Power BI Data Analyst Associate", "Microsoft"),
        ("Tableau Desktop Specialist", "Tableau"),
        ("SnowPro Core Certification", "Snowflake"),
        ("AWS Certified Machine Learning – Specialty", "Amazon Web Services"),
        ("TensorFlow Developer Certificate", "Google"),
    ),
    Domain.DESIGN: (
        ("Google UX Design Professional Certificate", "Google"),
        ("Certified Usability Analyst (CUA)", "Human Factors International"),
        ("Adobe Certified Professional in Graphic Design & Illustration", "Adobe"),
        ("Nielsen Norman Group UX Certification", "Nielsen Norman Group"),
        ("IDEO U Design Thinking Certificate", "IDEO U"),
    ),
    Domain.MARKETING: (
        ("Google Ads Search Certification", "Google"),
        ("Google Analytics Certification", "Google"),
        ("HubSpot Inbound Marketing Certification", "HubSpot Academy"),
        ("Meta Certified Media Buying Professional", "Meta"),
        ("Semrush SEO Toolkit Certification", "Semrush"),
        ("Salesforce Certified Marketing Cloud Email Specialist", "Salesforce"),
    ),
    Domain.FINANCE: (
        ("CFA Charterholder", "CFA Institute"),
        ("ACCA", "Association of Chartered Certified Accountants"),
        ("Diplôme d'expertise comptable (DEC)", "Ordre des experts-comptables"),
        ("Certified Internal Auditor (CIA)", "The IIA"),
        ("Financial Risk Manager (FRM)", "GARP"),
        ("SAP Certified Application Associate – Financial Accounting", "SAP"),
    ),
    Domain.CONSULTING: (
        ("Project Management Professional (PMP)", "Project Management Institute"),
        ("PRINCE2 Practitioner", "AXELOS"),
        ("Professional Scrum Master I (PSM I)", "Scrum.org"),
        ("Certified ScrumMaster (CSM)", "Scrum Alliance"),
        ("SAFe 6 Agilist", "Scaled Agile"),
        ("Lean Six Sigma Green Belt", "IASSC"),
        ("ITIL 4 Foundation", "AXELOS"),
        ("SAP Certified Application Associate – SAP S/4HANA", "SAP"),
    ),
}

#: Portfolio item titles per domain (what a freelancer shows as past work).
PORTFOLIO_TITLES: dict[Domain, tuple[str, ...]] = {
    Domain.SOFTWARE: (
        "Payment API for a fintech",
        "B2B marketplace platform",
        "Mobile banking app",
        "Microservices migration",
        "Open-source CLI tool",
        "Booking engine",
        "Internal developer platform",
        "E-commerce back office",
    ),
    Domain.DATA: (
        "Churn prediction model",
        "Sales forecasting pipeline",
        "Executive KPI dashboard",
        "Recommendation engine",
        "Data lake on AWS",
        "Fraud detection model",
        "Customer segmentation",
    ),
    Domain.DESIGN: (
        "Banking app redesign",
        "Design system for a SaaS",
        "Brand identity for a café",
        "E-commerce checkout UX",
        "Annual report layout",
        "Animated explainer video",
        "Packaging for an organic brand",
        "Museum website",
    ),
    Domain.MARKETING: (
        "SEO audit and content plan",
        "Paid social launch campaign",
        "Newsletter automation",
        "Brand repositioning",
        "Influencer campaign",
        "Conversion funnel optimisation",
    ),
    Domain.FINANCE: (
        "Budget model for a scale-up",
        "Group consolidation process",
        "Series B financial due diligence",
        "Cash forecasting tool",
        "Cost reduction plan",
    ),
    Domain.CONSULTING: (
        "ERP rollout in 6 countries",
        "Agile transformation of an IT department",
        "Post-merger integration",
        "PMO for a digital programme",
        "Operating model redesign",
    ),
}

#: Why the trust & safety team sanctioned someone (free text on the sanction).
SANCTION_REASONS: dict[SanctionKind, tuple[str, ...]] = {
    SanctionKind.WARNING: (
        "Shared contact details before an order existed",
        "Late answers to several client requests",
        "Inappropriate tone in a message",
    ),
    SanctionKind.CURATED_EXCLUSION: (
        "Repeatedly declined curated proposals after accepting",
        "Client complaint about a curated mission",
    ),
    SanctionKind.REVIEWS_REMOVAL: (
        "Reviews obtained through courtesy exchanges",
        "Reviews from related companies",
    ),
    SanctionKind.SUPER_STATUS_LOSS: (
        "Responsiveness below the super threshold",
        "Cancelled a mission without notice",
    ),
    SanctionKind.TEMPORARY_SUSPENSION: (
        "Asked a client to pay outside the platform",
        "Abusive messages to a client",
    ),
    SanctionKind.PERMANENT_SUSPENSION: ("Fraudulent identity", "Repeated payment circumvention"),
}
